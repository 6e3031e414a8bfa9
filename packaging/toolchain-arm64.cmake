# SPDX-License-Identifier: GPL-2.0-or-later
# Cross build for arm64 (aarch64) on a Debian 12 amd64 host: Debian's cross compiler
# (crossbuild-essential-arm64) and the arm64 libraries installed side by side with the amd64 ones
# (multiarch: dpkg --add-architecture arm64; libcurl4-openssl-dev:arm64 ...), so no sysroot: the
# headers are /usr/include (+ /usr/include/aarch64-linux-gnu), the libraries
# /usr/lib/aarch64-linux-gnu. scripts/setup-cross installs all of it; scripts/package arm64 uses
# this file.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# With the target's library architecture, find_library/find_package look in lib/aarch64-linux-gnu
# (and never in lib/x86_64-linux-gnu). Programs (soapcpp2, the build-time code generator; python3,
# clang-format, systemd-analyze for the host-side checks) are the host's.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# pkg-config must read the arm64 .pc files only (gsoap++, libstrophe, libcurl, libnl ...).
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")
# Everything built for the target runs through qemu-user: ctest runs the test programs with it,
# and the package's cwmpd.conf comes from the arm64 cwmpd's --print-config. -L /: the dynamic
# loader is the multiarch libc6:arm64's /lib/ld-linux-aarch64.so.1, the same glibc build as the
# libc.so.6 it then loads from /lib/aarch64-linux-gnu. Not -L /usr/aarch64-linux-gnu: that
# loader is libc6-arm64-cross's (another build of glibc), and with the multiarch libc.so.6 it
# made pthread_create spin forever (every test that starts a thread timed out).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /)
