// SPDX-License-Identifier: GPL-2.0-or-later
// kFakeSystemctl: a shell script standing in for systemctl (systemd cannot run in tests). It
// records its arguments in calls.log beside itself and prints unit state in systemctl's KEY=VALUE
// `show` format from units/<unit> beside itself.
#ifndef EDGECWMP_TESTS_EDGEX_FAKE_SYSTEMCTL_H_
#define EDGECWMP_TESTS_EDGEX_FAKE_SYSTEMCTL_H_

namespace edgecwmp::edgex::test {

inline constexpr const char* kFakeSystemctl = R"SH(#!/bin/sh
# Fake systemctl: logs each call; unit state lives in $dir/units/<unit>; start/stop/restart copy
# $dir/units/<unit>.on-<verb> over it when present.
dir="$(dirname "$0")"
echo "$*" >> "$dir/calls.log"
verb=$1; shift
case "$verb" in
  show)
    unit=$2
    if [ -f "$dir/units/$unit" ]; then cat "$dir/units/$unit"; else
      printf 'MainPID=0\nNRestarts=0\nActiveState=inactive\nSubState=dead\nLoadState=not-found\n'
    fi ;;
  start|stop|restart)
    [ "$1" = "--no-block" ] && shift
    unit=$1
    if [ ! -f "$dir/units/$unit" ]; then
      echo "Failed to $verb $unit: Unit $unit not found." >&2; exit 5
    fi
    if [ -f "$dir/units/$unit.on-$verb" ]; then cp "$dir/units/$unit.on-$verb" "$dir/units/$unit"; fi ;;
  list-units)
    for f in "$dir"/units/*.service; do
      [ -f "$f" ] && echo "$(basename "$f") loaded active running Fake unit"
    done ;;
  *) echo "Unknown command verb $verb." >&2; exit 1 ;;
esac
)SH";

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_FAKE_SYSTEMCTL_H_
