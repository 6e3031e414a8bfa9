# SPDX-License-Identifier: GPL-2.0-or-later
# edgecwmp_codec: cwmp/cwmp.gsoap.h → soapcpp2 (at build time, into the build dir) → the generated
# serializers (built without the project warnings) + the codec (built with them).

set(EDGECWMP_GSOAP_DIR ${CMAKE_CURRENT_BINARY_DIR}/gsoap)
set(EDGECWMP_GSOAP_OUT ${EDGECWMP_GSOAP_DIR}/soapC.cpp ${EDGECWMP_GSOAP_DIR}/soapH.h
    ${EDGECWMP_GSOAP_DIR}/soapStub.h)
find_path(EDGECWMP_GSOAP_IMPORT stlvector.h
  PATHS /usr/share/gsoap/import /usr/local/share/gsoap/import NO_DEFAULT_PATH)
if(NOT EDGECWMP_GSOAP_IMPORT)
  message(FATAL_ERROR "gSOAP import/stlvector.h not found (install gsoap)")
endif()
add_custom_command(
  OUTPUT ${EDGECWMP_GSOAP_OUT}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${EDGECWMP_GSOAP_DIR}
  # -c++11 modern C++, -L no client/server libs, -x no sample XML, -w no WSDL/XSD files.
  COMMAND ${SOAPCPP2} -c++11 -L -x -w -d${EDGECWMP_GSOAP_DIR} -I${EDGECWMP_GSOAP_IMPORT}
          ${CMAKE_CURRENT_SOURCE_DIR}/cwmp.gsoap.h > ${EDGECWMP_GSOAP_DIR}/soapcpp2.log
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cwmp.gsoap.h
  COMMENT "soapcpp2 cwmp/cwmp.gsoap.h"
  VERBATIM)

# Generated code (no project warnings: it is not ours to fix) and the default namespace table: what
# libgsoap++ calls back into. Compiled against the gSOAP headers and defines (WITH_DOM changes
# struct soap) but not linked to the runtime itself: see below.
add_library(edgecwmp_codec_gsoap STATIC ${EDGECWMP_GSOAP_DIR}/soapC.cpp codec_namespaces.cc)
target_include_directories(edgecwmp_codec_gsoap PRIVATE ${EDGECWMP_GSOAP_DIR} ${PROJECT_SOURCE_DIR}
  $<TARGET_PROPERTY:PkgConfig::GSOAP,INTERFACE_INCLUDE_DIRECTORIES>)
target_compile_options(edgecwmp_codec_gsoap
  PRIVATE $<TARGET_PROPERTY:PkgConfig::GSOAP,INTERFACE_COMPILE_OPTIONS> -w)

# libgsoap++ calls back into the generated serializers (soap_getheader, soap_putheader,
# soap_getfault, namespaces, ...), so the serializers must come after it on every link line that
# holds it, including those of programs that pull nothing from the codec (cwmpctl): otherwise the
# static linker has passed them by when it meets the runtime's undefined symbols.
add_library(edgecwmp_gsoap_runtime INTERFACE)
target_link_libraries(edgecwmp_gsoap_runtime INTERFACE PkgConfig::GSOAP edgecwmp_codec_gsoap)

add_library(edgecwmp_codec STATIC codec.cc codec_decode.cc codec_encode.cc)
edgecwmp_target(edgecwmp_codec)
# The generated headers are included as system headers so their code trips no project warning.
target_include_directories(edgecwmp_codec SYSTEM PRIVATE ${EDGECWMP_GSOAP_DIR})
# Status (codec.h) lives in the datamodel library.
target_link_libraries(edgecwmp_codec PUBLIC edgecwmp_messages edgecwmp_datamodel
                      PRIVATE edgecwmp_gsoap_runtime)
