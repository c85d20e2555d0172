#pragma once
#include <vips/vips.h>
// Variadic libvips operations get fixed-argument wrappers here (Swift cannot call C varargs).
