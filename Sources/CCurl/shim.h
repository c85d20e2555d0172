#pragma once
#include <curl/curl.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
// curl_easy_setopt and curl_easy_getinfo are variadic (Swift cannot call C varargs), so each
// argument type gets a typed wrapper here; the option constants themselves import as enums.

// curl_easy_setopt is variadic: options that take a long (timeouts, flags, limits).
static inline CURLcode shim_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic: options that take a curl_off_t (large sizes).
static inline CURLcode shim_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic: options that take a C string (curl copies it, except POSTFIELDS).
static inline CURLcode shim_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic: options that take an opaque pointer (callback user data, slists).
static inline CURLcode shim_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic: the body and header callbacks share curl_write_callback's type.
static inline CURLcode shim_curl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

// curl_easy_setopt is variadic: the open-socket callback sees each address before connect().
static inline CURLcode shim_curl_setopt_opensocket(CURL *handle, curl_opensocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

// curl_easy_setopt is variadic: the progress callback can abort a transfer from our side.
static inline CURLcode shim_curl_setopt_xferinfo(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// curl_easy_getinfo is variadic: infos that fill a long (response code, redirect count).
static inline CURLcode shim_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

// curl_easy_getinfo is variadic: infos that fill a C string owned by the handle (primary IP).
static inline CURLcode shim_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

// curl_sockaddr ends in a struct sockaddr that really holds a sockaddr_in or sockaddr_in6;
// reading the address bytes through the right cast is simplest in C. Returns 4, 16 or 0.
static inline int shim_curl_sockaddr_ip(const struct curl_sockaddr *address, unsigned char *out16) {
    if (address->family == AF_INET && address->addrlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *) (const void *) &address->addr;
        memcpy(out16, &v4->sin_addr, 4);
        return 4;
    }
    if (address->family == AF_INET6 && address->addrlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *) (const void *) &address->addr;
        memcpy(out16, &v6->sin6_addr, 16);
        return 16;
    }
    return 0;
}
