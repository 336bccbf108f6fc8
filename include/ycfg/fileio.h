/*
 * fileio.h - reading inputs and writing outputs safely.
 *
 * Inputs are read whole into a caller-owned, reusable buffer (one read per
 * file, no per-line I/O).  Outputs are written atomically: to a temporary
 * file beside the target, then renamed, so a failed run never leaves a
 * partial file and never destroys the previous one.
 */
#ifndef YCFG_FILEIO_H
#define YCFG_FILEIO_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* Largest input file read, in bytes (documented in ycfg(1)). */
#define YCFG_FILE_MAX ((size_t)512 * 1024 * 1024)

/* Largest input read from a pipe or FIFO (standard input): they have no
 * size to check first. */
#define YCFG_STREAM_MAX ((size_t)64 * 1024 * 1024)

/* Input bytes: a reusable heap buffer. */
struct ycfg_buf {
	char *p;
	size_t len, cap;
};

enum ycfg_read_status {
	YCFG_READ_OK = 0,
	YCFG_READ_ERROR,      /* errno-style failure; err holds the reason */
	YCFG_READ_TOO_LARGE,  /* larger than max; nothing useful was read */
	YCFG_READ_IS_DIR,
};

/* Reads path (or standard input when path is "-") into b, replacing its
 * content and reusing its memory.  The data is followed by a NUL that is
 * not counted in len.  Regular files larger than max are not read; pipes
 * and FIFOs are read up to YCFG_STREAM_MAX (a FIFO without a writer reads
 * as empty instead of blocking); devices and sockets are refused.  On
 * failure len is 0 and err receives the reason, such as "No such file or
 * directory". */
enum ycfg_read_status ycfg_read_file(const char *path, struct ycfg_buf *b,
				     size_t max, char *err, size_t errsz);

/* Replaces b's content with a copy of data[0..len), followed by a NUL
 * not counted in len.  Returns 0, or -1 when out of memory (b is then
 * empty). */
int ycfg_buf_set(struct ycfg_buf *b, const char *data, size_t len);

void ycfg_buf_free(struct ycfg_buf *b);

/* A growable list of owned path strings. */
struct ycfg_pathlist {
	char **v;
	size_t n, cap;
};

/* Appends a copy of path.  Returns 0, or -1 when out of memory. */
int ycfg_pathlist_add(struct ycfg_pathlist *l, const char *path);
void ycfg_pathlist_free(struct ycfg_pathlist *l);

/* True when the list holds path (a linear search). */
bool ycfg_pathlist_has(const struct ycfg_pathlist *l, const char *path);

/* What a directory walk found. */
struct ycfg_walk {
	struct ycfg_pathlist files;    /* provisioning files */
	/* links not followed: the link's path, and why[i] a sentence on it
	 * ("a link to '/etc/x.cfg', outside 'tree'") */
	struct ycfg_pathlist links, why;
	/* directories and paths that could not be read, each a sentence
	 * naming it ("cannot read directory 'tree/a': Permission denied") */
	struct ycfg_pathlist problems;
};

void ycfg_walk_free(struct ycfg_walk *w);

/* Appends to w->files every regular file below dir whose name ends in
 * .cfg or .boot, recursively, skipping names that start with '.' (.git,
 * editor backups), in a stable order (byte order of the name within each
 * directory, a directory's files before its subdirectories').
 *
 * The walk never leaves dir: a symbolic link is followed only to a file
 * inside dir; a link to a file outside it, a dangling link and a link to a
 * directory outside it land in w->links with the reason.  Links to
 * directories are not followed (their files inside dir are found where
 * they are; no loops).  A subdirectory or path that cannot be read (no
 * permission, longer than PATH_MAX) lands in w->problems and the walk goes
 * on.  Returns 0, or -1 when dir itself cannot be read or there were
 * problems (out of memory is one). */
int ycfg_find_provisioning_files(const char *dir, struct ycfg_walk *w);

/* The same, and also the other files (of any name) for which want(path,
 * arg) is true: templates.  want is asked once per such file, with its
 * path as the walk spells it. */
int ycfg_find_files(const char *dir, bool (*want)(const char *path, void *arg),
		    void *arg, struct ycfg_walk *w);

/* The same for dir alone, not its subdirectories ("" is the current
 * directory, whose files come out by their bare names). */
int ycfg_list_provisioning_files(const char *dir, struct ycfg_pathlist *out,
				 char *err, size_t errsz);

/* True when path names a directory. */
bool ycfg_is_dir(const char *path);

/* Writes len bytes to path atomically (temporary file in the same
 * directory, fsync, rename), keeping an existing file's mode (else the
 * umask's).  A device, FIFO or socket at path is written to, never
 * replaced; through a symbolic link the file it names is replaced.
 * Returns 0, or -1 with err set; on failure path is untouched and no
 * temporary file is left. */
int ycfg_write_atomic(const char *path, const void *data, size_t len,
		      char *err, size_t errsz);

/* True when a and b name the same existing file. */
bool ycfg_same_file(const char *a, const char *b);

/*
 * An output directory written as a whole or not at all: files go to a
 * temporary directory beside it, which then takes its name in one step
 * (the old contents are removed).  An existing directory is replaced only
 * when it is empty or was written so before (it holds a .ycfg-output
 * stamp): a mistyped -o never wipes a directory of the user's.
 */
struct ycfg_outdir {
	char path[PATH_MAX];       /* the directory, without trailing '/' */
	char tmp[PATH_MAX + 32];   /* where its new contents are written */
	bool existed, open;
};

/* Starts writing path.  Returns 0, or -1 with err. */
int ycfg_outdir_begin(struct ycfg_outdir *o, const char *path, char *err,
		      size_t errsz);

/* Writes one file, rel relative to the directory (subdirectories are
 * made); a file is written once.  Thread-safe for distinct files.
 * Returns 0, or -1 with err. */
int ycfg_outdir_write(struct ycfg_outdir *o, const char *rel,
		      const void *data, size_t len, char *err, size_t errsz);

struct iovec;

/* ycfg_outdir_write of the bytes of n pieces (iov is changed). */
int ycfg_outdir_writev(struct ycfg_outdir *o, const char *rel,
		       struct iovec *iov, size_t n, char *err, size_t errsz);

/* Writes the n pieces of iov to fd, whatever the number of pieces and
 * however the writes are cut (iov is changed).  Returns 0, or -1 with
 * errno. */
int ycfg_writev_all(int fd, struct iovec *iov, size_t n);

/* Puts the new contents in place.  Returns 0, or -1 with err (the old
 * contents then stay). */
int ycfg_outdir_commit(struct ycfg_outdir *o, char *err, size_t errsz);

/* Drops what was written; the old contents stay. */
void ycfg_outdir_abort(struct ycfg_outdir *o);

/* Removes the file or directory tree at path; symbolic links are removed,
 * never followed.  Returns 0, or -1 with errno. */
int ycfg_remove_tree(const char *path);

#endif
