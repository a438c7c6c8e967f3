#include "vips_shim.h"
#include <vips/vips.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libvips is opened by nashra_vips_init, not linked: it brings about a hundred shared libraries
 * (codecs, glib, gio…) whose loading and start-up would otherwise delay every run of nashra,
 * most of which process no photo. Each function is looked up by name and typed from libvips'
 * own header, so a mismatch with the header is a compile error here, not a crash. */
#define VIPS_FUNCTIONS(X) \
    X(vips_version) X(vips_init) X(vips_concurrency_set) X(vips_cache_set_max) \
    X(vips_foreign_find_load) X(vips_image_new_from_file) X(vips_image_get_width) \
    X(vips_image_get_height) X(vips_thumbnail) X(vips_image_copy_memory) X(vips_thumbnail_image) \
    X(vips_copy) X(vips_image_get_fields) X(vips_image_remove) X(vips_webpsave_buffer) \
    X(vips_jpegsave_buffer) X(vips_pngsave_buffer) X(vips_error) X(vips_error_buffer_copy) \
    X(g_object_unref) X(g_strfreev) X(g_free) X(g_strdup)

#define DECLARE(name) static __typeof__(name) *p_##name;
VIPS_FUNCTIONS(DECLARE)

/* Whether every function was found: until then, buffers are the C library's, not glib's. */
static int opened;
/* Why libvips could not start (dlopen's or dlsym's words, or the ABI check's). */
static char open_failure[512];

static int open_libvips(void) {
    /* The library of the ABI this shim was compiled against (libvips.so.42 for 8.x). */
    char soname[64];
    snprintf(soname, sizeof soname, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(open_failure, sizeof open_failure, "%s", dlerror());
        return -1;
    }
    /* dlsym on the handle also searches libvips' own dependencies: glib's g_free and the like. */
#define LOOK_UP(name) \
    if (!(p_##name = (__typeof__(name) *)dlsym(library, #name))) { \
        snprintf(open_failure, sizeof open_failure, "%s has no %s", soname, #name); \
        return -1; \
    }
    VIPS_FUNCTIONS(LOOK_UP)
    opened = 1;
    return 0;
}

int nashra_vips_init(void) {
    if (open_libvips()) return -1;
    /* VIPS_INIT's check that the library's ABI is the header's, through the looked-up functions. */
    if (p_vips_version(3) - p_vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
        snprintf(open_failure, sizeof open_failure, "libvips has ABI version %d, nashra needs %d",
                 p_vips_version(3) - p_vips_version(5), VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
        return -1;
    }
    if (p_vips_init("nashra")) return -1;
    p_vips_concurrency_set(1);
    p_vips_cache_set_max(0);
    return 0;
}

int nashra_vips_header(const char *path, char *loader, size_t loader_size, int *width, int *height) {
    const char *name = p_vips_foreign_find_load(path);
    if (!name) return -1;
    if (loader_size > 0) {
        strncpy(loader, name, loader_size - 1);
        loader[loader_size - 1] = 0;
    }
    VipsImage *image = p_vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    *width = p_vips_image_get_width(image);
    *height = p_vips_image_get_height(image);
    p_g_object_unref(image);
    return 0;
}

int nashra_vips_thumbnail(const char *path, int width, void **image, int *out_width, int *out_height) {
    VipsImage *lazy = NULL;
    if (p_vips_thumbnail(path, &lazy, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                         "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return -1;
    /* Decoded here, once: every width and format is made from this copy. */
    VipsImage *memory = p_vips_image_copy_memory(lazy);
    p_g_object_unref(lazy);
    if (!memory) return -1;
    *image = memory;
    *out_width = p_vips_image_get_width(memory);
    *out_height = p_vips_image_get_height(memory);
    return 0;
}

int nashra_vips_shrink(void *image, int width, void **out, int *out_width, int *out_height) {
    VipsImage *lazy = NULL;
    if (p_vips_thumbnail_image((VipsImage *)image, &lazy, width, "height", VIPS_MAX_COORD,
                               "size", VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL)) return -1;
    *out = lazy;
    *out_width = p_vips_image_get_width(lazy);
    *out_height = p_vips_image_get_height(lazy);
    return 0;
}

/* A header-only copy of the image without any metadata field (EXIF, GPS, XMP, IPTC, ICC,
 * orientation, comments). `strip` alone is not enough: libvips 8.14's WebP saver ignores it and
 * writes the EXIF block, GPS position included. */
static VipsImage *without_metadata(VipsImage *in) {
    VipsImage *copy = NULL;
    if (p_vips_copy(in, &copy, NULL)) return NULL;
    gchar **fields = p_vips_image_get_fields(copy);
    for (int i = 0; fields && fields[i]; i++) {
        /* Built-in header fields (width, bands…) are not in the metadata table: removing them is a no-op. */
        p_vips_image_remove(copy, fields[i]);
    }
    p_g_strfreev(fields);
    return copy;
}

int nashra_vips_save(void *image, int format, int quality, void **buffer, size_t *length) {
    VipsImage *in = without_metadata((VipsImage *)image);
    if (!in) return -1;
    int result;
    switch (format) {
    case 0: result = p_vips_webpsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, NULL); break;
    case 1: result = p_vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE,
                                            "optimize_coding", TRUE, NULL); break;
    case 2: result = p_vips_pngsave_buffer(in, buffer, length, "strip", TRUE, "compression", 6, NULL); break;
    default:
        p_vips_error("nashra", "unknown format %d", format);
        result = -1;
    }
    p_g_object_unref(in);
    return result;
}

void nashra_vips_release(void *image) {
    if (image) p_g_object_unref((VipsImage *)image);
}

void nashra_vips_free(void *buffer) {
    if (opened) p_g_free(buffer);
    else free(buffer);
}

char *nashra_vips_error_copy(void) {
    if (!opened) return strdup(open_failure);
    return open_failure[0] ? p_g_strdup(open_failure) : p_vips_error_buffer_copy();
}
