// SPDX-License-Identifier: GPL-2.0-or-later
#define BOOST_TEST_MODULE fleet_observers
#include <boost/test/unit_test.hpp>
