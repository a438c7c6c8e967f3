// write_floor SITE COPY [THREADS]: the file system's share of a build. Reads every file of a
// built site into memory, then times only writing them again under COPY (making each folder
// and creating and writing each file, on THREADS threads, 2 by default): what any generator
// pays to write that output on this machine, however fast it renders. Benchmarks/run uses it.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct { char *path; char *bytes; size_t size; } File;

static File *files;
static size_t count, capacity, sourceLength;
static const char *copyRoot;
static int threads = 2;

static int collect(const char *path, const struct stat *info, int type, struct FTW *walk) {
    (void)walk;
    if (type != FTW_F) return 0;
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 4096;
        files = realloc(files, capacity * sizeof(File));
        if (!files) { perror("realloc"); exit(1); }
    }
    File *file = &files[count++];
    file->path = strdup(path + sourceLength);
    file->size = (size_t)info->st_size;
    file->bytes = malloc(file->size + 1);
    int descriptor = open(path, O_RDONLY);
    size_t done = 0;
    while (descriptor >= 0 && done < file->size) {
        ssize_t got = read(descriptor, file->bytes + done, file->size - done);
        if (got <= 0) break;
        done += (size_t)got;
    }
    if (descriptor >= 0) close(descriptor);
    if (done != file->size) { fprintf(stderr, "cannot read %s\n", path); exit(1); }
    return 0;
}

// Makes the folders above `path` (a file's full path), as a generator does the first time.
static void makeParents(char *path) {
    char *slash = strrchr(path, '/');
    if (!slash) return;
    *slash = 0;
    if (mkdir(path, 0755) != 0 && errno == ENOENT) { makeParents(path); mkdir(path, 0755); }
    *slash = '/';
}

static void *writeShare(void *argument) {
    long thread = (long)argument;
    char path[8192];
    for (size_t index = (size_t)thread; index < count; index += (size_t)threads) {
        snprintf(path, sizeof path, "%s%s", copyRoot, files[index].path);
        int descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (descriptor < 0) {
            makeParents(path);
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        }
        if (descriptor < 0) { perror(path); exit(1); }
        size_t done = 0;
        while (done < files[index].size) {
            ssize_t put = write(descriptor, files[index].bytes + done, files[index].size - done);
            if (put <= 0) { perror(path); exit(1); }
            done += (size_t)put;
        }
        close(descriptor);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: write_floor SITE COPY [THREADS]\n"); return 2; }
    sourceLength = strlen(argv[1]);
    copyRoot = argv[2];
    if (argc > 3) threads = atoi(argv[3]);
    if (threads < 1 || threads > 64) threads = 2;
    if (nftw(argv[1], collect, 64, FTW_PHYS) != 0) { perror(argv[1]); return 1; }
    if (mkdir(copyRoot, 0755) != 0) { perror(copyRoot); return 1; }

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t workers[64];
    for (long thread = 0; thread < threads; thread++) pthread_create(&workers[thread], NULL, writeShare, (void *)thread);
    for (int thread = 0; thread < threads; thread++) pthread_join(workers[thread], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);

    size_t bytes = 0;
    for (size_t index = 0; index < count; index++) bytes += files[index].size;
    printf("%.3f s to write %zu files (%.0f MB) on %d threads\n",
           (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9, count, (double)bytes / 1e6, threads);
    return 0;
}
