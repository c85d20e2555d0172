#pragma once
#include <vips/vips.h>
// Variadic libvips operations get fixed-argument wrappers here (Swift cannot call C varargs).

// VIPS_INIT is a macro (it also checks the header/library ABI match), so Swift cannot call it.
static inline int shim_vips_init(const char *argv0) {
    return VIPS_INIT(argv0);
}

// A no-op GLib log handler: libvips reports recoverable decoder warnings through g_log, which would
// otherwise spam stderr; the analyser fails on real errors through the error buffer instead.
static inline void shim_vips_ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain; (void) level; (void) message; (void) data;
}

// Installs the no-op handler for the "VIPS" log domain's warnings (a C callback is simplest set from C).
static inline void shim_vips_silence_warnings(void) {
    g_log_set_handler("VIPS", (GLogLevelFlags) (G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                      shim_vips_ignore_log, NULL);
}

// vips_image_new_from_file is variadic; sequential access reads only the header until pixels are asked for.
static inline VipsImage *shim_vips_open_header(const char *filename) {
    return vips_image_new_from_file(filename, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

// vips_thumbnail is variadic; shrink-on-load, EXIF autorotation, ICC to sRGB, first page only, fail on errors.
static inline int shim_vips_thumbnail(const char *filename, VipsImage **out, int box, gboolean allow_upscale) {
    return vips_thumbnail(filename, out, box,
                          "height", box,
                          "size", allow_upscale ? VIPS_SIZE_BOTH : VIPS_SIZE_DOWN,
                          "export_profile", "srgb",
                          "fail_on", VIPS_FAIL_ON_ERROR,
                          NULL);
}

// vips_colourspace is variadic (optional source_space).
static inline int shim_vips_colourspace(VipsImage *in, VipsImage **out, VipsInterpretation space) {
    return vips_colourspace(in, out, space, NULL);
}

// vips_cast is variadic (optional shift).
static inline int shim_vips_cast(VipsImage *in, VipsImage **out, VipsBandFormat format) {
    return vips_cast(in, out, format, NULL);
}

// vips_flatten is variadic and takes its background as a VipsArrayDouble, which is easiest to build in C.
static inline int shim_vips_flatten_white(VipsImage *in, VipsImage **out) {
    double white[1] = { 255.0 };
    VipsArrayDouble *background = vips_array_double_new(white, 1);
    int result = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return result;
}

// vips_pngsave is variadic (optional compression etc.).
static inline int shim_vips_pngsave(VipsImage *in, const char *filename) {
    return vips_pngsave(in, filename, NULL);
}

// vips_jpegsave is variadic (optional quality etc.); metadata such as orientation and XMP is written by default.
static inline int shim_vips_jpegsave(VipsImage *in, const char *filename) {
    return vips_jpegsave(in, filename, "Q", 90, NULL);
}

// vips_tiffsave is variadic (optional compression etc.); tests use it to make TIFF fixtures.
static inline int shim_vips_tiffsave(VipsImage *in, const char *filename) {
    return vips_tiffsave(in, filename, NULL);
}

// vips_text is variadic (font, dpi, ...); renders a one-band 8-bit mask of the text.
static inline int shim_vips_text(VipsImage **out, const char *text, const char *font, int dpi) {
    return vips_text(out, text, "font", font, "dpi", dpi, NULL);
}

// vips_jpegsave_buffer is variadic; strip drops EXIF/XMP (nothing private or instructive leaves with the pixels).
static inline int shim_vips_jpegsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, NULL);
}

// vips_pngsave_buffer is variadic; strip as for JPEG.
static inline int shim_vips_pngsave_buffer(VipsImage *in, void **buffer, size_t *length) {
    return vips_pngsave_buffer(in, buffer, length, "strip", TRUE, NULL);
}
