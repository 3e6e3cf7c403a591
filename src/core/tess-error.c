#include "tess-error.h"

G_DEFINE_QUARK (tess-error-quark, tess_error)
