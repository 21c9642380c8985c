/* Seals of the audit chain (app/core/seal.h): the chain hash is the
 * database's, a seal verifies with its key only, any changed byte of a
 * seal line breaks it, and a private key others can read is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "app/core/seal.h"

static char dir[] = "/tmp/gise-seal-test-XXXXXX";

/* Writes a new Ed25519 key pair as PEM files; returns 0. */
static int write_key(const char *priv, const char *pub, mode_t mode)
{
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    FILE *f = fopen(priv, "w"), *g = fopen(pub, "w");
    int ok = k && f && g && PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) == 1 &&
             PEM_write_PUBKEY(g, k) == 1;
    if (f)
        fclose(f);
    if (g)
        fclose(g);
    EVP_PKEY_free(k);
    chmod(priv, mode);
    return ok ? 0 : -1;
}

static void path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void chain_hash_is_the_databases(void **state)
{
    (void)state;
    /* From psql: sha256(gise.chain_row_text('audit', '{"id": 1}')) and the
     * chain hash of seq 1 over it (0015_audit_chain.sql). */
    unsigned char zero[CHAIN_HASH_SIZE] = {0}, rh[CHAIN_HASH_SIZE], h[CHAIN_HASH_SIZE];
    char hex[2 * CHAIN_HASH_SIZE + 1];
    seal_sha256("audit {\"id\": 1}", 15, rh);
    seal_hex(rh, sizeof rh, hex);
    assert_string_equal(hex, "b5d9c3ff1dc237307240a06d31b1b342f73a917befd64871910d5ad6664f4fa4");
    seal_chain_hash(zero, 1, rh, h);
    seal_hex(h, sizeof h, hex);
    assert_string_equal(hex, "14a0473f129ca2109c0fd43ad529febb1daca6f08b3a678cf91bc6b3c26d9bb0");
}

static void a_seal_verifies_with_its_key_only(void **state)
{
    (void)state;
    char priv[128], pub[128], priv2[128], pub2[128], why[300];
    path(priv, sizeof priv, "a.key");
    path(pub, sizeof pub, "a.pub");
    path(priv2, sizeof priv2, "b.key");
    path(pub2, sizeof pub2, "b.pub");
    assert_int_equal(write_key(priv, pub, 0600), 0);
    assert_int_equal(write_key(priv2, pub2, 0600), 0);
    struct seal_key *k = seal_key_private(priv, why, sizeof why), *p = seal_key_public(pub, why, sizeof why),
                    *other = seal_key_public(pub2, why, sizeof why);
    assert_non_null(k);
    assert_non_null(p);
    assert_non_null(other);

    unsigned char head[CHAIN_HASH_SIZE];
    memset(head, 0xab, sizeof head);
    struct seal first, second, parsed;
    assert_true(seal_make(&first, 41, head, NULL, k));
    assert_true(seal_make(&second, 42, head, &first, k));
    assert_true(seal_parse(second.line, &parsed));
    assert_int_equal(parsed.seq, 42);
    assert_true(seal_verify(&parsed, p));
    assert_false(seal_verify(&parsed, other));

    /* The next seal names the one before by the hash of its whole line. */
    unsigned char want[CHAIN_HASH_SIZE];
    seal_line_hash(&first, want);
    assert_memory_equal(parsed.prev, want, CHAIN_HASH_SIZE);

    /* Any change to what was signed breaks it: the seq, the head. */
    char line[SEAL_LINE_MAX];
    snprintf(line, sizeof line, "%s", second.line);
    line[strlen("gise-seal 1 seq=4")] = '3';
    assert_true(seal_parse(line, &parsed));
    assert_false(seal_verify(&parsed, p));
    snprintf(line, sizeof line, "%s", second.line);
    char *h = strstr(line, "head=") + 5;
    *h = *h == 'a' ? 'b' : 'a';
    assert_true(seal_parse(line, &parsed));
    assert_false(seal_verify(&parsed, p));
    seal_key_free(k);
    seal_key_free(p);
    seal_key_free(other);
}

static void malformed_lines_are_not_seals(void **state)
{
    (void)state;
    struct seal s;
    assert_false(seal_parse("", &s));
    assert_false(seal_parse("gise-seal 1 seq=1 head=00", &s));
    assert_false(seal_parse("gise-seal 2 seq=1 head=0000000000000000000000000000000000000000000000000000000000000000 "
                            "time=x prev=0000000000000000000000000000000000000000000000000000000000000000 sig=00",
                            &s));
}

static void a_key_others_can_read_is_refused(void **state)
{
    (void)state;
    char priv[128], pub[128], why[300];
    path(priv, sizeof priv, "open.key");
    path(pub, sizeof pub, "open.pub");
    assert_int_equal(write_key(priv, pub, 0644), 0);
    assert_null(seal_key_private(priv, why, sizeof why));
    assert_non_null(strstr(why, "600"));
    /* A public key is no private key. */
    chmod(priv, 0600);
    assert_null(seal_key_private(pub, why, sizeof why) ? (void *)1 : NULL);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chain_hash_is_the_databases),
        cmocka_unit_test(a_seal_verifies_with_its_key_only),
        cmocka_unit_test(malformed_lines_are_not_seals),
        cmocka_unit_test(a_key_others_can_read_is_refused),
    };
    return cmocka_run_group_tests_name("seal", tests, setup, teardown);
}
