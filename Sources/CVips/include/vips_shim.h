#ifndef NASHRA_VIPS_SHIM_H
#define NASHRA_VIPS_SHIM_H

#include <stddef.h>

/* Non-variadic entry points to libvips for Swift, which cannot call C variadic functions.
 * Images are opaque handles; every function returns 0 on success and -1 on failure, with the
 * reason in nashra_vips_error_copy(). */

/* Starts libvips once: one thread per pipeline (the caller runs pipelines on all cores) and no
 * operation cache (each file is read once). */
int nashra_vips_init(void);

/* The loader libvips would use for the file (e.g. "VipsForeignLoadJpegFile"), and the image's
 * size from its header, without decoding the pixels. */
int nashra_vips_header(const char *path, char *loader, size_t loader_size, int *width, int *height);

/* Decodes the file once, turned upright by its EXIF orientation and shrunk (never enlarged) to
 * at most `width` pixels wide, into memory. Fails on a truncated or corrupt file. */
int nashra_vips_thumbnail(const char *path, int width, void **image, int *out_width, int *out_height);

/* A smaller copy of an image in memory, `width` pixels wide. */
int nashra_vips_shrink(void *image, int width, void **out, int *out_width, int *out_height);

/* Encodes the image without any metadata (EXIF, GPS, XMP, IPTC, ICC comments are stripped).
 * format: 0 WebP, 1 JPEG, 2 PNG. The buffer is freed with nashra_vips_free. */
int nashra_vips_save(void *image, int format, int quality, void **buffer, size_t *length);

void nashra_vips_release(void *image);
void nashra_vips_free(void *buffer);

/* The accumulated error text (cleared); freed with nashra_vips_free. */
char *nashra_vips_error_copy(void);

#endif
