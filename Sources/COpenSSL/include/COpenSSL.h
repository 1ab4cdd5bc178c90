#ifndef DONDOC_COPENSSL_H
#define DONDOC_COPENSSL_H
#include <stddef.h>
#include <time.h>

/* libcrypto, opened on first use (CLazyLibrary.h says why): only a signed PDF read with a
   trusted CA file needs it, and Debian builds it to bind its thousands of symbols at start-up.
   Opaque types (OpenSSL's own struct tags) and a table of the functions dondoc calls, each
   checked against OpenSSL's headers in crypto_library.c. */

/* Debian 12's libssl3 (and libssl3t64 after it). */
#define DONDOC_CRYPTO_SONAME "libcrypto.so.3"

struct x509_st;
struct x509_store_st;
struct x509_store_ctx_st;
struct CMS_ContentInfo_st;
struct CMS_SignerInfo_st;
struct stack_st;
struct stack_st_X509;
struct stack_st_CMS_SignerInfo;

#pragma clang assume_nonnull begin

typedef struct dondoc_crypto_library {
    struct x509_store_st *_Nullable (*_Nonnull X509_STORE_new)(void);
    void (*X509_STORE_free)(struct x509_store_st *store);
    int (*X509_STORE_load_file)(struct x509_store_st *store, const char *file);
    struct CMS_ContentInfo_st *_Nullable (*_Nonnull d2i_CMS_ContentInfo)(
        struct CMS_ContentInfo_st *_Nullable *_Nullable reuse, const unsigned char *_Nullable *_Nonnull cursor, long length);
    void (*CMS_ContentInfo_free)(struct CMS_ContentInfo_st *cms);
    struct stack_st_X509 *_Nullable (*_Nonnull CMS_get1_certs)(struct CMS_ContentInfo_st *cms);
    struct stack_st_CMS_SignerInfo *_Nullable (*_Nonnull CMS_get0_SignerInfos)(struct CMS_ContentInfo_st *cms);
    int (*CMS_SignerInfo_cert_cmp)(struct CMS_SignerInfo_st *signer, struct x509_st *certificate);
    struct x509_store_ctx_st *_Nullable (*_Nonnull X509_STORE_CTX_new)(void);
    void (*X509_STORE_CTX_free)(struct x509_store_ctx_st *context);
    int (*X509_STORE_CTX_init)(struct x509_store_ctx_st *context, struct x509_store_st *store,
                               struct x509_st *target, struct stack_st_X509 *_Nullable untrusted);
    void (*X509_STORE_CTX_set_time)(struct x509_store_ctx_st *context, unsigned long flags, time_t time);
    int (*X509_verify_cert)(struct x509_store_ctx_st *context);
    void (*ERR_clear_error)(void);
    /* What OpenSSL's typed stack macros expand to; the helpers below use them. */
    int (*OPENSSL_sk_num)(const struct stack_st *_Nullable stack);
    void *_Nullable (*_Nonnull OPENSSL_sk_value)(const struct stack_st *_Nullable stack, int index);
    void (*OPENSSL_sk_pop_free)(struct stack_st *_Nullable stack, void (*release)(void *_Nullable));
    void (*X509_free)(struct x509_st *_Nullable certificate);
} dondoc_crypto_library;

/* The library, opened the first time any thread asks and kept; NULL with why in *error
   (the same answer every time) when it cannot be opened. */
const dondoc_crypto_library *_Nullable dondoc_crypto_library_shared(const char *_Nullable *_Nonnull error);

/* OpenSSL's typed stack accessors are macros, which Swift does not import. Only for stacks
   the table's functions returned, so the library is open. */
int dondoc_x509_count(struct stack_st_X509 *stack);
struct x509_st *_Nullable dondoc_x509_at(struct stack_st_X509 *stack, int index);
void dondoc_x509_stack_free(struct stack_st_X509 *stack);
int dondoc_signer_count(struct stack_st_CMS_SignerInfo *stack);
struct CMS_SignerInfo_st *_Nullable dondoc_signer_at(struct stack_st_CMS_SignerInfo *stack, int index);

#pragma clang assume_nonnull end
#endif
