# SPDX-License-Identifier: GPL-2.0-or-later
# edgecwmp_http: the HTTP server (Boost.Beast), the libcurl client, Digest auth, the audit log of
# failed authentications and the connection-request listener.
add_library(edgecwmp_http STATIC
  http_server.cc
  http_client.cc
  digest_auth.cc
  auth_failure_log.cc
  connection_request.cc)
edgecwmp_target(edgecwmp_http)
target_link_libraries(edgecwmp_http
  PUBLIC edgecwmp_log Boost::headers Threads::Threads CURL::libcurl OpenSSL::SSL OpenSSL::Crypto)
