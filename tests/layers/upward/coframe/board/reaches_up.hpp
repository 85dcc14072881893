#pragma once
#include <coframe/exec/above.hpp>  // a board header that reaches up
