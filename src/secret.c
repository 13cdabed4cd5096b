/*
 * secret.c
 *		The secrets cursors are signed with, read from the file that
 *		paginate.cursor_secret_file names.
 *
 * No setting holds a secret: every role can read a setting's value before
 * the library loads (SHOW shows its placeholder), and ALTER DATABASE/ROLE
 * ... SET stores it in pg_db_role_setting, which every role reads.  The
 * setting holds the path of a file (relative to the data directory) that the
 * server reads and no role can read through SQL without the privileges of
 * pg_read_server_files; only superusers read or set the setting itself
 * (postgresql.conf and a reload, or SET in a superuser's session or
 * function).
 *
 * The file holds one secret a line (blank lines and lines starting with #
 * are skipped), each of at least MIN_SECRET bytes.  The first signs cursors,
 * every one verifies them: to rotate, put the new secret first and keep the
 * old one after it while its cursors are still in clients' hands, then
 * remove it.  The file is read again whenever it changes (inode, size,
 * modification or change time), so every backend follows an edit at its
 * next call, without a reload.  A file that cannot be read (or holds no
 * secret) is an error at every call that needs it, never a silent fall back
 * to unsigned cursors; one that every user of the machine can read is a
 * WARNING each time it is read.
 */
#include "postgres.h"

#include <sys/stat.h>
#include <unistd.h>

#include "storage/fd.h"
#include "utils/memutils.h"

#include "internal.h"

#define MIN_SECRET		16		/* bytes */
#define MAX_SECRET_FILE	65536	/* bytes */

char	   *paginate_cursor_secret_file = NULL;

/* What was read, and from which file as it was then. */
static List *secrets = NIL;
static char *read_path = NULL;
static struct stat read_stat;

static void Forget(void);
static void FreeSecrets(List *list);
static List *ReadSecrets(const char *path, const struct stat *st);
pg_noreturn static void SecretFileError(const char *path, const char *detail);

/*
 * The secrets cursors are signed and verified with, the signing one first,
 * as bytea-like String nodes; NIL when paginate.cursor_secret_file is not
 * set and cursors are not signed.
 */
List *
PaginateCursorSecrets(void)
{
	const char *path = paginate_cursor_secret_file;
	struct stat st;

	if (path == NULL || path[0] == '\0')
	{
		Forget();
		return NIL;
	}
	if (stat(path, &st) != 0)
		SecretFileError(path, strerror(errno));
	if (read_path != NULL && strcmp(read_path, path) == 0 &&
		st.st_ino == read_stat.st_ino && st.st_dev == read_stat.st_dev &&
		st.st_size == read_stat.st_size &&
		st.st_mtim.tv_sec == read_stat.st_mtim.tv_sec &&
		st.st_mtim.tv_nsec == read_stat.st_mtim.tv_nsec &&
		st.st_ctim.tv_sec == read_stat.st_ctim.tv_sec &&
		st.st_ctim.tv_nsec == read_stat.st_ctim.tv_nsec)
		return secrets;

	Forget();
	secrets = ReadSecrets(path, &st);
	read_path = MemoryContextStrdup(TopMemoryContext, path);
	read_stat = st;
	return secrets;
}

/* Wipe and free the secrets read before. */
static void
Forget(void)
{
	FreeSecrets(secrets);
	secrets = NIL;
	if (read_path != NULL)
		pfree(read_path);
	read_path = NULL;
}

/* Wipe and free a list of secrets. */
static void
FreeSecrets(List *list)
{
	ListCell   *lc;

	foreach(lc, list)
	{
		char	   *secret = strVal(lfirst(lc));

		explicit_bzero(secret, strlen(secret));
		pfree(secret);
		pfree(lfirst(lc));
	}
	list_free(list);
}

/* Read the secrets of the file, kept in TopMemoryContext. */
static List *
ReadSecrets(const char *path, const struct stat *st)
{
	char	   *data;
	size_t		nread;
	FILE	   *file;
	List	   *result = NIL;
	MemoryContext old;
	char	   *line;
	char	   *next;
	int			lineno = 0;

	if (!S_ISREG(st->st_mode))
		SecretFileError(path, _("It is not a regular file."));
	if (st->st_mode & (S_IROTH | S_IWOTH))
		ereport(WARNING,
				(errcode(ERRCODE_CONFIG_FILE_ERROR),
				 errmsg("paginate.cursor_secret_file can be read or written by every user of the server's machine"),
				 errdetail_log("File \"%s\".", path),
				 errhint("Make it readable by the server's user alone (chmod 600).")));
	if (st->st_size > MAX_SECRET_FILE)
		SecretFileError(path, _("It is larger than 64 kB."));

	file = AllocateFile(path, PG_BINARY_R);
	if (file == NULL)
	{
		SecretFileError(path, strerror(errno));
		return NIL;				/* not reached: for cppcheck */
	}
	data = palloc(MAX_SECRET_FILE + 2);
	nread = fread(data, 1, MAX_SECRET_FILE + 1, file);
	if (ferror(file))
	{
		int			save = errno;

		FreeFile(file);
		SecretFileError(path, strerror(save));
	}
	FreeFile(file);
	if (nread > MAX_SECRET_FILE)
		SecretFileError(path, _("It is larger than 64 kB."));
	data[nread] = '\0';
	if (memchr(data, '\0', nread) != NULL)
	{
		explicit_bzero(data, nread);
		SecretFileError(path, _("It holds a NUL byte."));
	}

	old = MemoryContextSwitchTo(TopMemoryContext);
	for (line = data; line != NULL && *line != '\0'; line = next)
	{
		size_t		len;

		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (len < MIN_SECRET)
		{
			MemoryContextSwitchTo(old);
			explicit_bzero(data, nread);
			FreeSecrets(result);
			SecretFileError(path, psprintf(_("Line %d holds a secret shorter than %d bytes."),
										   lineno, MIN_SECRET));
		}
		result = lappend(result, makeString(pstrdup(line)));
	}
	MemoryContextSwitchTo(old);
	explicit_bzero(data, nread);
	pfree(data);
	if (result == NIL)
		SecretFileError(path, _("It holds no secret."));
	return result;
}

/*
 * The file cannot serve: an error for the call, with what is wrong (detail:
 * translated already, by _() or strerror).  The path goes to the server log
 * only.
 */
static void
SecretFileError(const char *path, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_CONFIG_FILE_ERROR),
			 errmsg("cursors cannot be signed: paginate.cursor_secret_file cannot be used"),
			 errdetail_internal("%s", detail),
			 errdetail_log("File \"%s\": %s", path, detail),
			 errhint("A superuser sets paginate.cursor_secret_file to a file the server reads, one secret of at least %d bytes a line, or to an empty string for unsigned cursors.",
					 MIN_SECRET)));
	pg_unreachable();
}

/*
 * paginate.cursor_secret, paginate 1.x's secret, is never used: its value is
 * readable by every role.  Whoever sets it is told so.
 */
bool
PaginateCheckOldSecret(char **newval, void **extra, GucSource source)
{
	if (*newval != NULL && (*newval)[0] != '\0')
		ereport(WARNING,
				(errcode(ERRCODE_WARNING_DEPRECATED_FEATURE),
				 errmsg("paginate.cursor_secret is not used: cursors are not signed with it"),
				 errdetail("Its value can be read by every role (in pg_db_role_setting, and with SHOW before paginate is loaded)."),
				 errhint("Remove it (ALTER SYSTEM, DATABASE or ROLE ... RESET paginate.cursor_secret), choose a new secret, and put it in the file that paginate.cursor_secret_file names.")));
	return true;
}
