/*
 * fileio.c - input reading, directory search, atomic output (see fileio.h).
 */
#define _GNU_SOURCE   /* renameat2: exchanging two directories at once */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ycfg/fileio.h"
#include "ycfg/vec.h"

static void
set_err(char *err, size_t errsz, int e)
{
	if (err && errsz)
		snprintf(err, errsz, "%s", strerror(e));
}

/* A buffer's first allocation is exact (documents kept for a whole run,
 * such as the boot files of a tree, stay small); a reused one grows in
 * steps. */
static int
buf_reserve(struct ycfg_buf *b, size_t need)
{
	return ycfg_vec_reserve(&b->p, &b->cap, need, 1,
				b->cap ? 65536 : need);
}

enum ycfg_read_status
ycfg_read_file(const char *path, struct ycfg_buf *b, size_t max, char *err,
	       size_t errsz)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd;

	b->len = 0;
	/* O_NONBLOCK: a FIFO without a writer must not block the open; it is
	 * cleared below so that reads wait for a writer that is there */
	fd = is_stdin ? STDIN_FILENO
		      : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
				   O_NOCTTY);
	if (fd < 0) {
		set_err(err, errsz, errno);
		return YCFG_READ_ERROR;
	}

	struct stat st;
	enum ycfg_read_status rc = YCFG_READ_OK;

	if (fstat(fd, &st) != 0) {
		set_err(err, errsz, errno);
		rc = YCFG_READ_ERROR;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		set_err(err, errsz, EISDIR);
		rc = YCFG_READ_IS_DIR;
		goto out;
	}
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
	    S_ISSOCK(st.st_mode)) {
		/* /dev/zero and friends: never a provisioning file */
		if (err && errsz)
			snprintf(err, errsz, "not a regular file (a device)");
		rc = YCFG_READ_ERROR;
		goto out;
	}
	/* only a FIFO's reads care (a regular file's never block) */
	if (!is_stdin && S_ISFIFO(st.st_mode)) {
		int fl = fcntl(fd, F_GETFL);

		if (fl >= 0)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	if (!S_ISREG(st.st_mode) && max > YCFG_STREAM_MAX)
		max = YCFG_STREAM_MAX;   /* pipes: a bound of their own */
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
		rc = YCFG_READ_TOO_LARGE;
		goto out;
	}

	/* One read of the size fstat gave for a regular file (what it held
	 * when opened; a short read ends it early, a file that grows since
	 * is read as it was); pipes grow as data arrives.  Files are read,
	 * not mapped: a file truncated while mapped would kill the process
	 * (SIGBUS). */
	bool regular = S_ISREG(st.st_mode);
	size_t want = regular ? (size_t)st.st_size + 1 : 65536;

	for (;;) {
		if (buf_reserve(b, b->len + want + 1) != 0) {
			set_err(err, errsz, ENOMEM);
			rc = YCFG_READ_ERROR;
			goto out;
		}

		ssize_t r = read(fd, b->p + b->len, b->cap - b->len - 1);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			set_err(err, errsz, errno);
			rc = YCFG_READ_ERROR;
			goto out;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
		if (b->len > max) {
			rc = YCFG_READ_TOO_LARGE;
			goto out;
		}
		if (regular && b->len == (size_t)st.st_size)
			break;
		want = b->cap - b->len - 1 > 0 ? 0 : b->cap;
	}
	b->p[b->len] = '\0';
out:
	if (!is_stdin)
		close(fd);
	if (rc != YCFG_READ_OK)
		b->len = 0;
	return rc;
}

int
ycfg_buf_set(struct ycfg_buf *b, const char *data, size_t len)
{
	b->len = 0;
	if (len == SIZE_MAX)
		return -1;
	if (len + 1 > b->cap) {
		/* exactly the size: memory checkers then see any read past
		 * the terminating NUL (the fuzzers rely on it) */
		char *p = realloc(b->p, len + 1);

		if (p == NULL)
			return -1;
		b->p = p;
		b->cap = len + 1;
	}
	if (len)
		memcpy(b->p, data, len);
	b->p[len] = '\0';
	b->len = len;
	return 0;
}

void
ycfg_buf_free(struct ycfg_buf *b)
{
	free(b->p);
	*b = (struct ycfg_buf){ 0 };
}

int
ycfg_pathlist_add(struct ycfg_pathlist *l, const char *path)
{
	if (ycfg_vec_reserve(&l->v, &l->cap, l->n + 1, sizeof(*l->v), 64) != 0)
		return -1;

	char *copy = strdup(path);

	if (copy == NULL)
		return -1;
	l->v[l->n++] = copy;
	return 0;
}

bool
ycfg_pathlist_has(const struct ycfg_pathlist *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], path) == 0)
			return true;
	return false;
}

void
ycfg_pathlist_free(struct ycfg_pathlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

bool
ycfg_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n > m && strcmp(s + n - m, suf) == 0;
}

static bool
is_provisioning(const char *name)
{
	return has_suffix(name, ".cfg") || has_suffix(name, ".boot");
}

void
ycfg_walk_free(struct ycfg_walk *w)
{
	ycfg_pathlist_free(&w->files);
	ycfg_pathlist_free(&w->links);
	ycfg_pathlist_free(&w->why);
	ycfg_pathlist_free(&w->problems);
}

struct walker {
	struct ycfg_walk *w;
	const char *top;        /* the directory given, as given */
	const char *root;       /* its real path; NULL: links go anywhere */
	bool recursive;
	bool failed;            /* a problem, or out of memory */
	bool (*want)(const char *path, void *arg);  /* other files, or NULL */
	void *want_arg;
};

static void add_sentence(struct walker *k, struct ycfg_pathlist *l,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add_sentence(struct walker *k, struct ycfg_pathlist *l, const char *fmt, ...)
{
	char buf[PATH_MAX * 2 + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (ycfg_pathlist_add(l, buf) != 0)
		k->failed = true;
}

/* path for a message: over 240 bytes, its start and end around "..."
 * (a path deeper than PATH_MAX must not crowd out the reason). */
static const char *
elide(const char *path, char buf[256])
{
	size_t n = strlen(path);

	if (n <= 240)
		return path;
	snprintf(buf, 256, "%.120s...%s", path, path + n - 100);
	return buf;
}

static void
add_path(struct walker *k, struct ycfg_pathlist *l, const char *path)
{
	if (ycfg_pathlist_add(l, path) != 0) {
		add_sentence(k, &k->w->problems, "out of memory");
		k->failed = true;
	}
}

static void add_link(struct walker *k, const char *path, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

/* Adds a link not followed and why, to both lists or to neither (they
 * stay parallel). */
static void
add_link(struct walker *k, const char *path, const char *fmt, ...)
{
	struct ycfg_walk *w = k->w;
	char buf[PATH_MAX * 2 + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (ycfg_pathlist_add(&w->links, path) != 0) {
		k->failed = true;
		return;
	}
	if (ycfg_pathlist_add(&w->why, buf) != 0) {
		free(w->links.v[--w->links.n]);
		k->failed = true;
	}
}

/* A link met in the walk: true when it may be followed (its target is a
 * regular file inside the root); else says why not, for provisioning
 * names and directories only. */
static bool
link_followed(struct walker *k, const char *path, bool provisioning)
{
	char real[PATH_MAX];
	struct stat st;
	size_t rl = k->root ? strlen(k->root) : 0;

	if (realpath(path, real) == NULL || stat(real, &st) != 0) {
		if (provisioning)
			add_link(k, path, "a link to nothing (%s)",
				 strerror(errno));
		return false;
	}
	bool inside = k->root == NULL ||
		      (strncmp(real, k->root, rl) == 0 &&
		       (real[rl] == '/' || (rl == 1 && k->root[0] == '/')));

	if (S_ISDIR(st.st_mode)) {
		/* a directory inside is searched where it is */
		if (!inside && k->root != NULL)
			add_link(k, path, "a link to the directory '%s', "
				 "outside '%s'; not searched", real, k->top);
		return false;
	}
	if (!provisioning || !S_ISREG(st.st_mode))
		return false;
	if (!inside) {
		add_link(k, path, "a link to '%s', outside '%s'; not read",
			 real, k->top);
		return false;
	}
	return true;
}

/* A directory entry: its name and its type from readdir (d_type), which
 * spares an lstat on the file systems that give it (DT_UNKNOWN: ask). */
struct dent {
	char *name;
	unsigned char type;
};

static int
dent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
		      ((const struct dent *)b)->name);
}

/* The entry's type: DT_DIR, DT_REG, DT_LNK, another DT_ value, or
 * DT_UNKNOWN when even lstat cannot tell (errno set). */
static unsigned char
dent_type(const struct dent *e, const char *path)
{
	struct stat st;

	if (e->type != DT_UNKNOWN)
		return e->type;
	if (lstat(path, &st) != 0)
		return DT_UNKNOWN;
	if (S_ISDIR(st.st_mode))
		return DT_DIR;
	if (S_ISREG(st.st_mode))
		return DT_REG;
	return S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
}

static void
walk_dir(struct walker *k, const char *dir)
{
	DIR *d = opendir(dir);
	char shown[256];

	if (d == NULL) {
		add_sentence(k, &k->w->problems, "cannot read directory '%s': "
			     "%s", elide(dir, shown), strerror(errno));
		k->failed = true;
		return;
	}

	struct dent *ents = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.') {
			errno = 0;
			continue;
		}
		if (ycfg_vec_reserve(&ents, &cap, n + 1, sizeof(*ents), 64)
		    != 0 || (ents[n].name = strdup(de->d_name)) == NULL) {
			add_sentence(k, &k->w->problems, "out of memory");
			k->failed = true;
			break;
		}
		ents[n++].type = de->d_type;
		errno = 0;
	}
	if (de == NULL && errno != 0) {
		add_sentence(k, &k->w->problems, "cannot read directory '%s': "
			     "%s", elide(dir, shown), strerror(errno));
		k->failed = true;
	}
	closedir(d);
	if (n > 1)
		qsort(ents, n, sizeof(*ents), dent_cmp);

	size_t dl = strlen(dir);
	bool slash = dl > 0 && dir[dl - 1] == '/';

	/* pass 0: this directory's files; pass 1: its subdirectories, so
	 * that each directory's files come out together */
	for (int pass = 0; pass < (k->recursive ? 2 : 1); pass++) {
		for (size_t i = 0; i < n; i++) {
			const char *name = ents[i].name;
			size_t need = dl + strlen(name) + 2;
			char *path = malloc(need);
			bool prov = is_provisioning(name);

			if (path == NULL) {
				add_sentence(k, &k->w->problems,
					     "out of memory");
				k->failed = true;
				break;
			}
			snprintf(path, need, "%s%s%s", dir, slash ? "" : "/",
				 name);
			/* a file that is no provisioning file needs nothing,
			 * unless the caller wants it (a template) */
			if (!prov && ents[i].type != DT_DIR && pass == 0 &&
			    k->want != NULL && k->want(path, k->want_arg))
				prov = true;
			if (!prov && ents[i].type != DT_DIR &&
			    ents[i].type != DT_UNKNOWN &&
			    ents[i].type != DT_LNK) {
				free(path);
				continue;
			}

			unsigned char t = dent_type(&ents[i], path);

			if (t == DT_UNKNOWN) {
				/* too long a path; gone since readdir */
				if (pass == 0 && errno != ENOENT &&
				    k->recursive) {
					add_sentence(k, &k->w->problems,
						     "cannot read '%s': %s",
						     elide(path, shown),
						     strerror(errno));
					k->failed = true;
				}
			} else if (t == DT_DIR) {
				if (pass == 1)
					walk_dir(k, path);
			} else if (pass == 0 && t == DT_LNK) {
				if (link_followed(k, path, prov))
					add_path(k, &k->w->files, path);
			} else if (pass == 0 && prov && t == DT_REG) {
				add_path(k, &k->w->files, path);
			}
			free(path);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
}

int
ycfg_find_provisioning_files(const char *dir, struct ycfg_walk *w)
{
	return ycfg_find_files(dir, NULL, NULL, w);
}

int
ycfg_find_files(const char *dir, bool (*want)(const char *path, void *arg),
		void *arg, struct ycfg_walk *w)
{
	char root[PATH_MAX];
	struct walker k = { .w = w, .top = dir, .root = root,
			    .recursive = true, .want = want, .want_arg = arg };

	if (realpath(dir, root) == NULL) {
		add_sentence(&k, &w->problems, "cannot read directory '%s': "
			     "%s", dir, strerror(errno));
		return -1;
	}
	walk_dir(&k, dir);
	return k.failed ? -1 : 0;
}

int
ycfg_list_provisioning_files(const char *dir, struct ycfg_pathlist *out,
			     char *err, size_t errsz)
{
	/* the files a phone of dir may load: links are followed wherever
	 * they go, as the provisioning server would serve them */
	struct ycfg_walk w = { .files = *out };
	struct walker k = { .w = &w, .top = dir, .recursive = false };
	size_t from = out->n;

	walk_dir(&k, dir[0] ? dir : ".");
	*out = w.files;
	w.files = (struct ycfg_pathlist){ 0 };
	if (k.failed && err && errsz)
		snprintf(err, errsz, "%s", w.problems.n ? w.problems.v[0]
							: "out of memory");
	ycfg_walk_free(&w);
	if (k.failed)
		return -1;
	/* the current directory's files by their bare names */
	for (size_t i = from; dir[0] == '\0' && i < out->n; i++)
		memmove(out->v[i], out->v[i] + 2, strlen(out->v[i] + 2) + 1);
	return 0;
}

/* Writes all of data to fd; -1 with errno on failure. */
static int
write_all(int fd, const char *p, size_t left)
{
	while (left > 0) {
		ssize_t w = write(fd, p, left);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	return 0;
}

int
ycfg_writev_all(int fd, struct iovec *iov, size_t n)
{
	while (n > 0 && iov->iov_len == 0) {
		iov++;
		n--;
	}
	while (n > 0) {
		ssize_t w = writev(fd, iov, n > IOV_MAX ? IOV_MAX : (int)n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		/* past what was written; a piece may be written in part */
		size_t done = (size_t)w;

		while (n > 0 && done >= iov->iov_len) {
			done -= iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + done;
			iov->iov_len -= done;
		}
	}
	return 0;
}

int
ycfg_write_atomic(const char *path, const void *data, size_t len, char *err,
		  size_t errsz)
{
	struct stat st;
	char real[PATH_MAX];
	const char *target = path;
	mode_t mode;

	/* A device, FIFO or socket (/dev/null, /dev/stdout) is written to,
	 * never replaced; a symbolic link to a file keeps pointing to it:
	 * the file it names is replaced. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			set_err(err, errsz, EISDIR);
			return -1;
		}

		int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

		if (fd < 0 || write_all(fd, data, len) != 0) {
			set_err(err, errsz, errno);
			if (fd >= 0)
				close(fd);
			return -1;
		}
		if (close(fd) != 0) {
			set_err(err, errsz, errno);
			return -1;
		}
		return 0;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (realpath(path, real) == NULL) {
			set_err(err, errsz, errno);
			return -1;
		}
		target = real;
	}

	/* the temporary name is short, in the same directory: the target's
	 * own name may already be as long as a name can be */
	const char *slash = strrchr(target, '/');
	size_t dl = slash ? (size_t)(slash - target) + 1 : 0;
	size_t n = dl + sizeof(".ycfg-XXXXXX");
	char *tmp = malloc(n);

	if (tmp == NULL) {
		set_err(err, errsz, ENOMEM);
		return -1;
	}
	snprintf(tmp, n, "%.*s.ycfg-XXXXXX", (int)dl, target);

	/* an existing file keeps its mode; a new one gets the umask's */
	if (stat(target, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);

		umask(um);
		mode = 0666 & ~um;
	}

	int fd = mkstemp(tmp);

	if (fd < 0) {
		set_err(err, errsz, errno);
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0 ||
	    fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	set_err(err, errsz, errno);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

bool
ycfg_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ------------------------------------------------------------------ */
/* output directories                                                   */
/* ------------------------------------------------------------------ */

/* Marks a directory as written by ycfg: only such a directory (or an
 * empty one) is ever replaced. */
#define STAMP ".ycfg-output"

static int
remove_entry(const char *path, const struct stat *st, int flag,
	     struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int
ycfg_remove_tree(const char *path)
{
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* True when directory path is empty or holds the stamp. */
static bool
replaceable(const char *path)
{
	char stamp[PATH_MAX];
	struct stat st;
	DIR *d;
	struct dirent *de;
	bool empty = true;

	if (snprintf(stamp, sizeof(stamp), "%s/" STAMP, path) >=
	    (int)sizeof(stamp))
		return false;
	if (lstat(stamp, &st) == 0 && S_ISREG(st.st_mode))
		return true;
	if ((d = opendir(path)) == NULL)
		return false;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = false;
	closedir(d);
	return empty;
}

int
ycfg_outdir_begin(struct ycfg_outdir *o, const char *path, char *err,
		  size_t errsz)
{
	struct stat st;
	size_t n = strlen(path);

	memset(o, 0, sizeof(*o));
	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 0) {
		snprintf(err, errsz, "no directory named");
		return -1;
	}
	if (n + sizeof(".ycfg-tmp-XXXXXX") > PATH_MAX) {
		set_err(err, errsz, ENAMETOOLONG);
		return -1;
	}
	memcpy(o->path, path, n);
	o->path[n] = '\0';

	/* its temporary twin goes beside it, under its parent: "." and
	 * ".." name no place beside */
	const char *last = strrchr(o->path, '/');

	last = last ? last + 1 : o->path;
	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 ||
	    strcmp(o->path, "/") == 0) {
		snprintf(err, errsz, "name the directory itself, not '%s'",
			 last);
		return -1;
	}
	if (lstat(o->path, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			snprintf(err, errsz, "it exists and is not a directory");
			return -1;
		}
		if (!replaceable(o->path)) {
			snprintf(err, errsz, "it is a directory that ycfg did "
				 "not write (no " STAMP " in it) and is not "
				 "empty; remove it or name another one");
			return -1;
		}
		o->existed = true;
	} else if (errno != ENOENT) {
		set_err(err, errsz, errno);
		return -1;
	}
	snprintf(o->tmp, sizeof(o->tmp), "%s.ycfg-tmp-XXXXXX", o->path);
	if (mkdtemp(o->tmp) == NULL) {
		set_err(err, errsz, errno);
		o->tmp[0] = '\0';
		return -1;
	}
	/* mkdtemp makes it 0700: give it the mode of the directory it
	 * replaces, else what the umask allows (tftp and web servers read
	 * it as another user) */
	mode_t mask = umask(0);

	umask(mask);
	if (chmod(o->tmp, o->existed ? st.st_mode & 07777
				     : 0777 & ~mask) != 0) {
		set_err(err, errsz, errno);
		ycfg_remove_tree(o->tmp);
		return -1;
	}

	static const char note[] = "written by ycfg; the next run replaces "
				   "this directory as a whole\n";
	char stamp[PATH_MAX + 64];

	snprintf(stamp, sizeof(stamp), "%s/" STAMP, o->tmp);
	if (ycfg_write_atomic(stamp, note, sizeof(note) - 1, err, errsz) != 0) {
		ycfg_remove_tree(o->tmp);
		return -1;
	}
	o->open = true;
	return 0;
}

int
ycfg_outdir_write(struct ycfg_outdir *o, const char *rel, const void *data,
		  size_t len, char *err, size_t errsz)
{
	struct iovec iov = { (void *)data, len };

	return ycfg_outdir_writev(o, rel, &iov, 1, err, errsz);
}

int
ycfg_outdir_writev(struct ycfg_outdir *o, const char *rel, struct iovec *iov,
		   size_t n, char *err, size_t errsz)
{
	char path[PATH_MAX + 64];
	int fd;

	if (!o->open) {
		snprintf(err, errsz, "the output directory is not open");
		return -1;
	}
	/* a relative name below the directory, nothing above or beside */
	for (const char *s = rel;; s++) {
		if (*rel == '/' || *rel == '\0' ||
		    (s[0] == '.' && s[1] == '.' && (s == rel || s[-1] == '/') &&
		     (s[2] == '/' || s[2] == '\0'))) {
			snprintf(err, errsz, "'%s' is not a name below the "
				 "output directory", rel);
			return -1;
		}
		if (*s == '\0')
			break;
	}
	if (snprintf(path, sizeof(path), "%s/%s", o->tmp, rel) >=
	    (int)sizeof(path)) {
		set_err(err, errsz, ENAMETOOLONG);
		return -1;
	}
	/* the directories on the way: made here, never followed elsewhere */
	for (char *s = path + strlen(o->tmp) + 1; (s = strchr(s, '/'));
	     s++) {
		*s = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			set_err(err, errsz, errno);
			return -1;
		}
		*s = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  0666);
	if (fd < 0 || ycfg_writev_all(fd, iov, n) != 0) {
		set_err(err, errsz, errno);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		set_err(err, errsz, errno);
		return -1;
	}
	return 0;
}

int
ycfg_outdir_commit(struct ycfg_outdir *o, char *err, size_t errsz)
{
	if (!o->open) {
		snprintf(err, errsz, "the output directory is not open");
		return -1;
	}
	o->open = false;
	if (!o->existed) {
		if (rename(o->tmp, o->path) != 0) {
			set_err(err, errsz, errno);
			ycfg_remove_tree(o->tmp);
			return -1;
		}
		return 0;
	}
	/* one step: the new tree takes the name, the old one the temporary
	 * name, which is then removed */
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path,
		      RENAME_EXCHANGE) == 0) {
		/* the new contents are in place; what is left of the old
		 * ones under the temporary name is only clutter */
		ycfg_remove_tree(o->tmp);
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		/* the exchange exists and failed: the directory changed
		 * under us (removed, replaced) */
		set_err(err, errsz, errno);
		ycfg_remove_tree(o->tmp);
		return -1;
	}

	/* a file system without the exchange: old aside, new in place */
	char old[PATH_MAX + 32];

	snprintf(old, sizeof(old), "%s.ycfg-old-XXXXXX", o->path);
	if (mkdtemp(old) == NULL || rename(o->path, old) != 0) {
		set_err(err, errsz, errno);
		ycfg_remove_tree(o->tmp);
		return -1;
	}
	if (rename(o->tmp, o->path) != 0) {
		set_err(err, errsz, errno);
		rename(old, o->path);
		ycfg_remove_tree(o->tmp);
		return -1;
	}
	ycfg_remove_tree(old);
	return 0;
}

void
ycfg_outdir_abort(struct ycfg_outdir *o)
{
	if (o->open)
		ycfg_remove_tree(o->tmp);
	o->open = false;
}
