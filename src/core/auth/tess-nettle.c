#include "tess-nettle.h"

#include "tess-lazy-library.h"

#define FUNCTION(member) { "nettle_" #member, G_STRUCT_OFFSET (TessNettle, member), FALSE }

static const TessLazySymbol symbols[] = {
  FUNCTION (sha512_256_init),
  FUNCTION (sha512_update),
  FUNCTION (sha512_256_digest),
  FUNCTION (md4_init),
  FUNCTION (md4_update),
  FUNCTION (md4_digest),
};

TESS_DEFINE_LAZY_LIBRARY (tess_nettle, TessNettle, "Nettle", TESS_NETTLE_SONAME, symbols)

const TessNettle *
tess_nettle (void)
{
  return tess_lazy_library_require (&tess_nettle_library);
}
