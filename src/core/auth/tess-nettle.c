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

static TessNettle table;
static TessLazyLibrary nettle = TESS_LAZY_LIBRARY_INIT ("Nettle", TESS_NETTLE_SONAME, symbols, &table);

const TessNettle *
tess_nettle_get (GError **error)
{
  return tess_lazy_library_get (&nettle, error);
}

const TessNettle *
tess_nettle (void)
{
  return tess_lazy_library_require (&nettle);
}

gboolean
tess_nettle_is_loaded (void)
{
  return tess_lazy_library_is_loaded (&nettle);
}
