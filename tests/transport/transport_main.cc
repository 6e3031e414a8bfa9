// SPDX-License-Identifier: GPL-2.0-or-later
// The transport_tests executable: HttpServer, HttpSession/HttpFetch and DigestAuth over loopback.
#define BOOST_TEST_MODULE transport_tests
#include <boost/test/unit_test.hpp>
