/*
 * yamlscan: the floor for YAML validation speed. Reads each file whole into memory and runs
 * libyaml's event parser over it (yaml_parser_parse), single-threaded, doing nothing with the
 * events but counting them. No tool that parses YAML with libyaml can be faster than this.
 *
 *   cc -O2 -o scripts/bin/yamlscan scripts/yamlscan.c -lyaml
 *   scripts/bin/yamlscan [-q] PATH...     (a directory is walked recursively for *.yaml / *.yml)
 *
 * Prints one line:  files=N events=N bytes=N seconds=S MB/s=R
 * The time covers walking, reading and parsing. Exits 1 if any file fails to read or parse.
 */
#define _DEFAULT_SOURCE /* d_type, DT_* */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

static unsigned long long n_files, n_events, n_bytes;
static int failures;
static unsigned char *buf;
static size_t buf_cap;

static int has_yaml_suffix(const char *name) {
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static void scan_file(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "yamlscan: %s: %s\n", path, strerror(errno));
        failures++;
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fprintf(stderr, "yamlscan: %s: %s\n", path, strerror(errno));
        close(fd);
        failures++;
        return;
    }
    size_t size = (size_t)st.st_size;
    if (size + 1 > buf_cap) {
        buf_cap = size + 1 > 2 * buf_cap ? size + 1 : 2 * buf_cap;
        buf = realloc(buf, buf_cap);
        if (!buf) { perror("yamlscan: realloc"); exit(2); }
    }
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "yamlscan: %s: %s\n", path, strerror(errno));
            close(fd);
            failures++;
            return;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    close(fd);

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "yamlscan: out of memory\n"); exit(2); }
    yaml_parser_set_input_string(&parser, buf, got);
    yaml_event_t event;
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "yamlscan: %s:%zu:%zu: %s\n", path, parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
            failures++;
            break;
        }
        n_events++;
        yaml_event_type_t type = event.type;
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    n_files++;
    n_bytes += got;
}

static void scan_path(const char *path, int top) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "yamlscan: %s: %s\n", path, strerror(errno));
        failures++;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        if (!dir) {
            fprintf(stderr, "yamlscan: %s: %s\n", path, strerror(errno));
            failures++;
            return;
        }
        struct dirent *entry;
        size_t len = strlen(path);
        while ((entry = readdir(dir)) != NULL) {
            if (entry->d_name[0] == '.') continue; /* also skips hidden files, like segctl */
            size_t need = len + strlen(entry->d_name) + 2;
            char *child = malloc(need);
            if (!child) { perror("yamlscan: malloc"); exit(2); }
            snprintf(child, need, "%s/%s", path, entry->d_name);
            if (entry->d_type == DT_DIR) {
                scan_path(child, 0);
            } else if (entry->d_type == DT_REG) {
                if (has_yaml_suffix(entry->d_name)) scan_file(child);
            } else if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
                struct stat cst;
                if (stat(child, &cst) == 0) {
                    if (S_ISDIR(cst.st_mode)) scan_path(child, 0);
                    else if (S_ISREG(cst.st_mode) && has_yaml_suffix(entry->d_name)) scan_file(child);
                }
            }
            free(child);
        }
        closedir(dir);
    } else if (top || has_yaml_suffix(path)) {
        scan_file(path);
    }
}

int main(int argc, char **argv) {
    int quiet = 0, first = 1;
    if (argc > 1 && strcmp(argv[1], "-q") == 0) { quiet = 1; first = 2; }
    if (argc <= first) {
        fprintf(stderr, "usage: yamlscan [-q] PATH...   (directories are walked for *.yaml, *.yml)\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = first; i < argc; i++) scan_path(argv[i], 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!quiet) {
        printf("files=%llu events=%llu bytes=%llu seconds=%.6f MB/s=%.1f\n", n_files, n_events, n_bytes,
               seconds, seconds > 0 ? (double)n_bytes / 1e6 / seconds : 0.0);
    }
    free(buf);
    return failures ? 1 : 0;
}
