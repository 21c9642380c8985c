#include "app/core/seal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "i18n/text/i18n.h"

struct seal_key {
    EVP_PKEY *pkey;
};

void seal_sha256(const void *data, size_t len, unsigned char out[CHAIN_HASH_SIZE])
{
    unsigned int n = CHAIN_HASH_SIZE;
    EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}

void seal_chain_hash(const unsigned char prev[CHAIN_HASH_SIZE], long long seq,
                     const unsigned char row_hash[CHAIN_HASH_SIZE], unsigned char out[CHAIN_HASH_SIZE])
{
    unsigned char buf[2 * CHAIN_HASH_SIZE + 8];
    memcpy(buf, prev, CHAIN_HASH_SIZE);
    unsigned long long u = (unsigned long long)seq;
    for (int i = 0; i < 8; i++)         /* int8send: big-endian */
        buf[CHAIN_HASH_SIZE + i] = (unsigned char)(u >> (56 - 8 * i));
    memcpy(buf + CHAIN_HASH_SIZE + 8, row_hash, CHAIN_HASH_SIZE);
    seal_sha256(buf, sizeof buf, out);
}

void seal_hex(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

static bool unhex(const char *s, size_t digits, unsigned char *out)
{
    for (size_t i = 0; i < digits; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    for (size_t i = 0; i < digits / 2; i++) {
        unsigned int v;
        sscanf(s + 2 * i, "%2x", &v);
        out[i] = (unsigned char)v;
    }
    return true;
}

static struct seal_key *wrap(EVP_PKEY *pkey, const char *path, char *why, size_t size)
{
    if (!pkey) {
        snprintf(why, size, _("%s is not a PEM key"), path);
        return NULL;
    }
    if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
        EVP_PKEY_free(pkey);
        snprintf(why, size, _("%s is not an Ed25519 key"), path);
        return NULL;
    }
    struct seal_key *key = malloc(sizeof *key);
    if (!key) {
        EVP_PKEY_free(pkey);
        snprintf(why, size, "%s", _("out of memory"));
        return NULL;
    }
    key->pkey = pkey;
    return key;
}

struct seal_key *seal_key_private(const char *path, char *why, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, size, _("cannot read %s"), path);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || (st.st_mode & 077) != 0 || st.st_uid != geteuid()) {
        fclose(f);
        snprintf(why, size, _("%s must belong to you and be readable by you alone (chmod 600)"), path);
        return NULL;
    }
    EVP_PKEY *pkey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    return wrap(pkey, path, why, size);
}

struct seal_key *seal_key_public(const char *path, char *why, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, size, _("cannot read %s"), path);
        return NULL;
    }
    EVP_PKEY *pkey = PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    return wrap(pkey, path, why, size);
}

void seal_key_free(struct seal_key *key)
{
    if (!key)
        return;
    EVP_PKEY_free(key->pkey);
    free(key);
}

/* The signed part of a line: everything before " sig=". */
static size_t signed_length(const char *line)
{
    const char *sig = strstr(line, " sig=");
    return sig ? (size_t)(sig - line) : strlen(line);
}

bool seal_parse(const char *line, struct seal *s)
{
    memset(s, 0, sizeof *s);
    size_t len = strcspn(line, "\n");
    if (len >= sizeof s->line)
        return false;
    memcpy(s->line, line, len);
    s->line[len] = '\0';
    char head[65], prev[65], sig[129], when[32];
    int used = 0;
    if (sscanf(s->line, "gise-seal 1 seq=%lld head=%64s time=%31s prev=%64s sig=%128s%n", &s->seq, head, when,
               prev, sig, &used) != 5 || (size_t)used != len || s->seq < 0 ||
        strlen(head) != 64 || strlen(prev) != 64 || strlen(sig) != 128 ||
        !unhex(head, 64, s->head) || !unhex(prev, 64, s->prev) || !unhex(sig, 128, s->sig))
        return false;
    snprintf(s->time, sizeof s->time, "%s", when);
    return true;
}

bool seal_verify(const struct seal *s, const struct seal_key *key)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key->pkey) == 1 &&
              EVP_DigestVerify(ctx, s->sig, SEAL_SIG_SIZE, (const unsigned char *)s->line,
                               signed_length(s->line)) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

void seal_line_hash(const struct seal *s, unsigned char out[CHAIN_HASH_SIZE])
{
    seal_sha256(s->line, strlen(s->line), out);
}

bool seal_make(struct seal *s, long long seq, const unsigned char head[CHAIN_HASH_SIZE],
               const struct seal *prev, const struct seal_key *key)
{
    memset(s, 0, sizeof *s);
    s->seq = seq;
    memcpy(s->head, head, CHAIN_HASH_SIZE);
    if (prev)
        seal_line_hash(prev, s->prev);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(s->time, sizeof s->time, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char head_hex[65], prev_hex[65], sig_hex[129];
    seal_hex(s->head, CHAIN_HASH_SIZE, head_hex);
    seal_hex(s->prev, CHAIN_HASH_SIZE, prev_hex);
    int n = snprintf(s->line, sizeof s->line, "gise-seal 1 seq=%lld head=%s time=%s prev=%s", seq, head_hex,
                     s->time, prev_hex);
    size_t siglen = SEAL_SIG_SIZE;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key->pkey) == 1 &&
              EVP_DigestSign(ctx, s->sig, &siglen, (const unsigned char *)s->line, (size_t)n) == 1 &&
              siglen == SEAL_SIG_SIZE;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return false;
    seal_hex(s->sig, SEAL_SIG_SIZE, sig_hex);
    snprintf(s->line + n, sizeof s->line - (size_t)n, " sig=%s", sig_hex);
    return true;
}
