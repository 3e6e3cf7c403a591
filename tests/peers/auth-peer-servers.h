#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starting and stopping the real servers the peer tests check auth against,
 * each on 127.0.0.1 with its own files in a temporary directory, so that
 * tests which need several of them start them the same way.
 *
 * Every start function returns FALSE and sets @skip_reason when a program
 * or package is missing (for tess_test_skip_peer), and fails the test when
 * one that is there does not start. */

typedef struct {
  GSubprocess *process;
  guint16      port;
  char        *base_url;       /* "http://127.0.0.1:PORT" */
  char        *dir;            /* its configuration and logs, or NULL */
  char        *announcement;   /* the line it printed when ready, or NULL */
} AuthPeerServer;

/* Stops the server by its PID (SIGTERM), reaps it and clears @server; a
 * zeroed or stopped server is left alone. */
void      auth_peer_server_stop      (AuthPeerServer *server);

/* Writes @text to the file @name in @dir, failing the test when it cannot;
 * returns its path. */
char     *auth_peer_write_file       (const char  *dir,
                                      const char  *name,
                                      const char  *text);

/* Whether node and the npm @package (under TESS_NODE_MODULES) are there. */
gboolean  auth_peer_have_node_package (const char  *package,
                                       char       **skip_reason);

/* Starts @argv with NODE_PATH set and @envp ("NAME=VALUE", NULL-terminated,
 * may be NULL) added, its standard input a pipe kept open — the scripts exit
 * when it closes, so none outlives a test that died — and waits for the
 * first line it prints: its port, or a JSON object with a "port" member. */
void      auth_peer_server_spawn     (AuthPeerServer      *server,
                                      const char * const  *envp,
                                      const char * const  *argv);

/* A fresh 2048-bit RSA key made by openssl in @dir: PKCS#8 and PKCS#1 PEM
 * text, and the path of its public key (SPKI PEM). Any out argument may be
 * NULL. FALSE when openssl is missing. */
gboolean  auth_peer_make_rsa_key     (const char  *dir,
                                      const char  *name,
                                      char       **pkcs8,
                                      char       **pkcs1,
                                      char       **public_path);

typedef struct {
  const char *user;
  const char *password;
  const char *realm;
  const char *algorithm;       /* the htdigest hash: "MD5", "SHA-256" or "SHA-512-256" */
  gboolean    userhash;
} AuthPeerDigestUser;

/* Debian's lighttpd with lighttpd-auth.conf: /basic/, /md5/, /sha256/,
 * /sha512-256/, /multi/ and /userhash/ each hold index.txt ("protected\n");
 * @users are its htdigest file. */
/* lighttpd also serves /large.txt, this many bytes, without auth. */
#define AUTH_PEER_LARGE_SIZE (3 * 1024 * 1024)
gboolean  auth_peer_start_lighttpd   (AuthPeerServer           *server,
                                      const AuthPeerDigestUser *users,
                                      guint                     n_users,
                                      char                    **skip_reason);

/* @hapi/hawk's server (hawk-server.js) with @credentials "ID:ALGORITHM:KEY"
 * (NULL-terminated); @now (seconds, or NULL) sets its clock. */
gboolean  auth_peer_start_hawk       (AuthPeerServer      *server,
                                      const char          *now,
                                      const char * const  *credentials,
                                      char               **skip_reason);

/* Whether /usr/bin/python3 has python3-oauthlib 3.2.2 with its RSA support. */
gboolean  auth_peer_have_oauthlib    (char **skip_reason);

/* python3-oauthlib (oauth1-server.py): RSA methods checked with the key at
 * @rsa_public_path, one access token "TOKEN:SECRET" and @consumers
 * "KEY:SECRET" (NULL-terminated). */
gboolean  auth_peer_start_oauth1     (AuthPeerServer      *server,
                                      const char          *rsa_public_path,
                                      const char          *token,
                                      const char * const  *consumers,
                                      char               **skip_reason);

/* python3-httpbin (httpbin-server.py): its Digest endpoints. */
gboolean  auth_peer_start_httpbin    (AuthPeerServer  *server,
                                      char           **skip_reason);

/* The AWS Signature v4 checker (aws-checker.js) knowing @credentials_json
 * (see the script). */
gboolean  auth_peer_start_aws        (AuthPeerServer  *server,
                                      const char      *credentials_json,
                                      char           **skip_reason);

/* apache2 + mod_auth_gssapi + gss-ntlmssp (ntlm-apache.conf.in): /ntlm/ok.txt
 * ("NTLM ok\n") for @users ("DOMAIN:user:password" lines); its access.log
 * and error.log are in server->dir. */
gboolean  auth_peer_start_ntlm       (AuthPeerServer  *server,
                                      const char      *users,
                                      char           **skip_reason);

/* oidc-provider (oidc-server.js); server->announcement is its JSON line with
 * the client, the user's access token and a client_credentials token. */
gboolean  auth_peer_start_oidc       (AuthPeerServer  *server,
                                      char           **skip_reason);

/* JWT, ASAP and EdgeGrid checks (auth-verify-server.js) on @routes_json. */
gboolean  auth_peer_start_verifier   (AuthPeerServer  *server,
                                      const char      *routes_json,
                                      char           **skip_reason);

G_END_DECLS
