#include "vips_shim.h"
#include <vips/vips.h>
#include <string.h>

int nashra_vips_init(void) {
    if (VIPS_INIT("nashra")) return -1;
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    return 0;
}

int nashra_vips_header(const char *path, char *loader, size_t loader_size, int *width, int *height) {
    const char *name = vips_foreign_find_load(path);
    if (!name) return -1;
    if (loader_size > 0) {
        strncpy(loader, name, loader_size - 1);
        loader[loader_size - 1] = 0;
    }
    VipsImage *image = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    g_object_unref(image);
    return 0;
}

int nashra_vips_thumbnail(const char *path, int width, void **image, int *out_width, int *out_height) {
    VipsImage *lazy = NULL;
    if (vips_thumbnail(path, &lazy, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                       "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return -1;
    /* Decoded here, once: every width and format is made from this copy. */
    VipsImage *memory = vips_image_copy_memory(lazy);
    g_object_unref(lazy);
    if (!memory) return -1;
    *image = memory;
    *out_width = vips_image_get_width(memory);
    *out_height = vips_image_get_height(memory);
    return 0;
}

int nashra_vips_shrink(void *image, int width, void **out, int *out_width, int *out_height) {
    VipsImage *lazy = NULL;
    if (vips_thumbnail_image((VipsImage *)image, &lazy, width, "height", VIPS_MAX_COORD,
                             "size", VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL)) return -1;
    *out = lazy;
    *out_width = vips_image_get_width(lazy);
    *out_height = vips_image_get_height(lazy);
    return 0;
}

/* A header-only copy of the image without any metadata field (EXIF, GPS, XMP, IPTC, ICC,
 * orientation, comments). `strip` alone is not enough: libvips 8.14's WebP saver ignores it and
 * writes the EXIF block, GPS position included. */
static VipsImage *without_metadata(VipsImage *in) {
    VipsImage *copy = NULL;
    if (vips_copy(in, &copy, NULL)) return NULL;
    gchar **fields = vips_image_get_fields(copy);
    for (int i = 0; fields && fields[i]; i++) {
        /* Built-in header fields (width, bands…) are not in the metadata table: removing them is a no-op. */
        vips_image_remove(copy, fields[i]);
    }
    g_strfreev(fields);
    return copy;
}

int nashra_vips_save(void *image, int format, int quality, void **buffer, size_t *length) {
    VipsImage *in = without_metadata((VipsImage *)image);
    if (!in) return -1;
    int result;
    switch (format) {
    case 0: result = vips_webpsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, NULL); break;
    case 1: result = vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE,
                                          "optimize_coding", TRUE, NULL); break;
    case 2: result = vips_pngsave_buffer(in, buffer, length, "strip", TRUE, "compression", 6, NULL); break;
    default:
        vips_error("nashra", "unknown format %d", format);
        result = -1;
    }
    g_object_unref(in);
    return result;
}

void nashra_vips_release(void *image) {
    if (image) g_object_unref((VipsImage *)image);
}

void nashra_vips_free(void *buffer) {
    g_free(buffer);
}

char *nashra_vips_error_copy(void) {
    return vips_error_buffer_copy();
}
