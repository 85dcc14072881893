#pragma once
#include <coframe/testing/probe.hpp>  // library code measuring itself
