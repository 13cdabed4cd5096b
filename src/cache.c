/*
 * cache.c
 *		The query cache: parsed queries and their planned statements, kept
 *		across calls in the backend.
 *
 * A query text seen before (with the same order_by, search_path, role and
 * standard_conforming_strings) is not parsed, checked or analysed again
 * while its entry is fresh: the entry holds the raw parse tree, the parameter
 * types found the first time (as a prepared statement keeps them) and a
 * saved CachedPlanSource for each statement built around it.  plancache.c
 * re-analyses those statements from their raw trees when the objects they
 * use change (DDL, search_path, role and row-level security).
 *
 * What the cache keeps of the query's own analysis (parameter types, sort
 * keys, whether they are unique or NOT NULL) can change with the tables it
 * reads: a relcache invalidation of one of them (DDL, and also ANALYZE, and
 * VACUUM where it changes the table's size in pg_class) or a change to a function makes
 * the entry stale, and the next call parses the query afresh.
 *
 * The cache holds CACHE_SIZE entries, inside one statement too: a new entry
 * past that drops the least recently used ones that no call is using (a call
 * pins its query until its memory goes, at its end or its error); while
 * every older entry is pinned it holds more, until their calls end.  A stale
 * entry stays in place, counted, until a lookup of its key takes it out of
 * the cache or it is the least recently used; taken out while a call may
 * still use it, it is freed at the end of a transaction once none does.
 *
 * paginate_cache() shows a role the entries made under its own role only,
 * unless it has the privileges of pg_read_all_stats: query texts hold
 * literals.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "common/hashfn.h"
#include "lib/ilist.h"
#include "miscadmin.h"
#include "parser/parser.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/syscache.h"

#include "internal.h"

#define CACHE_SIZE	256

/* The name of each kind of statement, as paginate_cache() shows it. */
#define KIND_NAME(kind, name) [kind] = name,
static const char *const statement_names[PAGINATE_STATEMENT_KINDS] = {
	PAGINATE_STATEMENT_KIND_LIST(KIND_NAME)
};
#undef KIND_NAME

/*
 * The text of a query, the sort order_by puts on it, and what changes what
 * they mean: how it parses
 * (standard_conforming_strings), which objects its names find (the schemas
 * of the search path as they are in effect: "$user" resolved, and the
 * session's temporary schema once it exists, which comes first) and whose
 * privileges and row-level security apply.
 */
typedef struct CacheKey
{
	const char *text;
	const char *order_by;		/* the sort's canonical text, or NULL */
	bool		standard_strings;	/* standard_conforming_strings */
	int			nschemas;
	const Oid  *schemas;		/* the search path in effect */
	Oid			user;
} CacheKey;

typedef struct CacheEntry
{
	CacheKey	key;			/* key.text points into context */
	PaginateQuery *query;
	int64		calls;			/* calls that found it here */
	MemoryContext context;		/* holds the entry's query */
	dlist_node	lru;			/* most recently used first */
} CacheEntry;

/* A stale entry taken out of the cache, freed at the end of the transaction. */
typedef struct DeadEntry
{
	PaginateQuery *query;
	MemoryContext context;
	struct DeadEntry *next;
} DeadEntry;

static HTAB *cache = NULL;
static dlist_head lru = DLIST_STATIC_INIT(lru);
static DeadEntry *dead = NULL;

static void CurrentKey(CacheKey *key, const char *text, const char *order_by,
					   MemoryContext context);
static uint32 KeyHash(const void *key, Size keysize);
static int	KeyCompare(const void *a, const void *b, Size keysize);
static void TrimCache(XactEvent event, void *arg);
static void KeepWithinSize(CacheEntry *keep);
static void Unpin(void *arg);
static void Bury(PaginateQuery *query, MemoryContext context);
static void DropEntry(CacheEntry *entry);
static void MarkStale(CacheEntry *entry);
static void FreeQuery(PaginateQuery *query, MemoryContext context);
static void InvalidateRelation(Datum arg, Oid relid);
static void InvalidateFunction(Datum arg, int cacheid, uint32 hashvalue);

/* Create the cache; called once from _PG_init. */
void
PaginateCacheInit(void)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(CacheKey);
	ctl.entrysize = sizeof(CacheEntry);
	ctl.hash = KeyHash;
	ctl.match = KeyCompare;
	ctl.hcxt = TopMemoryContext;
	cache = hash_create("paginate query cache", CACHE_SIZE, &ctl,
						HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	RegisterXactCallback(TrimCache, NULL);
	CacheRegisterRelcacheCallback(InvalidateRelation, (Datum) 0);
	CacheRegisterSyscacheCallback(PROCOID, InvalidateFunction, (Datum) 0);
}

/* The cached query of this text and sort (or NULL: none), or NULL. */
PaginateQuery *
PaginateCacheLookup(const char *text, const char *order_by)
{
	CacheKey	key;
	CacheEntry *entry;

	CurrentKey(&key, text, order_by, CurrentMemoryContext);
	entry = hash_search(cache, &key, HASH_FIND, NULL);

	if (entry == NULL)
		return NULL;
	if (entry->query->stale)
	{
		/* a call may still use it: free it at the end of the transaction */
		Bury(entry->query, entry->context);
		dlist_delete(&entry->lru);
		hash_search(cache, &entry->key, HASH_REMOVE, NULL);
		return NULL;
	}
	entry->calls++;
	dlist_move_head(&lru, &entry->lru);
	return entry->query;
}

/*
 * Keep a query that was just parsed and checked; returns the cached copy,
 * which lives as long as its entry.
 */
PaginateQuery *
PaginateCacheAdd(PaginateQuery *parsed)
{
	MemoryContext context;
	MemoryContext old;
	PaginateQuery *query;
	CacheEntry *entry;
	CacheKey	key;
	bool		found;

	context = AllocSetContextCreate(TopMemoryContext, "paginate query",
									ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(context);
	query = palloc0(sizeof(PaginateQuery));
	query->text = pstrdup(parsed->text);
	query->order_by = parsed->order_by ? pstrdup(parsed->order_by) : NULL;
	query->raw = copyObject(parsed->raw);
	query->nparams = parsed->nparams;
	query->param_types = palloc(sizeof(Oid) * Max(parsed->nparams, 1));
	memcpy(query->param_types, parsed->param_types, sizeof(Oid) * parsed->nparams);
	query->has_order = parsed->has_order;
	query->count_needs_order = parsed->count_needs_order;
	query->duplicate_name = parsed->duplicate_name ?
		pstrdup(parsed->duplicate_name) : NULL;
	query->ncolumns = parsed->ncolumns;
	query->keyed = parsed->keyed ? copyObject(parsed->keyed) : NULL;
	query->nhidden = parsed->nhidden;
	query->nkeys = parsed->nkeys;
	query->norder = parsed->norder;
	query->column_names = copyObject(parsed->column_names);
	query->copies = parsed->copies;
	query->row_ranges = parsed->row_ranges;
	query->lookup_columns = copyObject(parsed->lookup_columns);
	query->lookup_keys = list_copy(parsed->lookup_keys);
	query->lookup_offset = parsed->lookup_offset;
	query->key_signature = parsed->key_signature;
	query->relations = list_copy(parsed->relations);
	query->functions = list_copy(parsed->functions);
	query->keyset_problem = parsed->keyset_problem ?
		pstrdup(parsed->keyset_problem) : NULL;
	if (parsed->nkeys > 0)
	{
		int			i;

		query->keys = palloc(sizeof(PaginateKey) * parsed->nkeys);
		memcpy(query->keys, parsed->keys, sizeof(PaginateKey) * parsed->nkeys);
		for (i = 0; i < parsed->nkeys; i++)
		{
			query->keys[i].name = pstrdup(parsed->keys[i].name);
			if (parsed->keys[i].own_name != NULL)
				query->keys[i].own_name = pstrdup(parsed->keys[i].own_name);
		}
	}
	MemoryContextSwitchTo(old);

	CurrentKey(&key, query->text, query->order_by, context);
	entry = hash_search(cache, &key, HASH_ENTER, &found);
	if (found)
	{
		/* added meanwhile, by a call nested in this one: keep that one */
		MemoryContextDelete(context);
		return entry->query;
	}
	entry->key = key;
	entry->query = query;
	entry->calls = 1;
	entry->context = context;
	dlist_push_head(&lru, &entry->lru);
	KeepWithinSize(entry);

	return query;
}

/*
 * The calling function uses the query until its memory context goes (at the
 * end of the call, or at its error): no new entry drops it meanwhile.
 */
void
PaginateCachePin(PaginateQuery *query)
{
	MemoryContextCallback *callback = palloc(sizeof(MemoryContextCallback));

	query->pins++;
	callback->func = Unpin;
	callback->arg = query;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, callback);
}

/* A call's memory went: it no longer uses its query. */
static void
Unpin(void *arg)
{
	PaginateQuery *query = (PaginateQuery *) arg;

	Assert(query->pins > 0);
	query->pins--;
}

/*
 * Drop the least recently used entries that no call uses, but keep, while
 * the cache holds more than CACHE_SIZE.  With every older entry in use
 * (calls nested that deep) it holds more until they end.
 */
static void
KeepWithinSize(CacheEntry *keep)
{
	dlist_node *node = dlist_is_empty(&lru) ? NULL : dlist_tail_node(&lru);

	while (node != NULL && hash_get_num_entries(cache) > CACHE_SIZE)
	{
		CacheEntry *entry = dlist_container(CacheEntry, lru, node);

		node = dlist_has_prev(&lru, node) ? dlist_prev_node(&lru, node) : NULL;
		if (entry != keep && entry->query->pins == 0)
			DropEntry(entry);
	}
}

/* Keep a query no longer in the cache until the end of the transaction. */
static void
Bury(PaginateQuery *query, MemoryContext context)
{
	DeadEntry  *grave = MemoryContextAlloc(TopMemoryContext, sizeof(DeadEntry));

	grave->query = query;
	grave->context = context;
	grave->next = dead;
	dead = grave;
}

/*
 * One row per statement in the cache, most recently used query first: the
 * query text, its order_by (canonical, or NULL), the calls that used the
 * entry, the statement's kind and how often it was planned generically and
 * custom.
 */
void
PaginateCacheRows(Tuplestorestate *store, TupleDesc desc)
{
	bool		everyone = has_privs_of_role(GetUserId(), ROLE_PG_READ_ALL_STATS);
	dlist_iter	iter;

	dlist_foreach(iter, &lru)
	{
		CacheEntry *entry = dlist_container(CacheEntry, lru, iter.cur);
		int			kind;
		int			slot;

		if (!everyone && entry->key.user != GetUserId())
			continue;
		for (kind = 0; kind < PAGINATE_STATEMENT_KINDS; kind++)
			for (slot = 0; slot < PAGINATE_SHAPES; slot++)
			{
				CachedPlanSource *source = entry->query->statements[kind][slot];
				Datum		values[6];
				bool		nulls[6] = {false, false, false, false, false, false};

				if (source == NULL)
					continue;
				values[0] = CStringGetTextDatum(entry->query->text);
				if (entry->query->order_by != NULL)
					values[1] = CStringGetTextDatum(entry->query->order_by);
				else
					nulls[1] = true;
				values[2] = Int64GetDatum(entry->calls);
				values[3] = CStringGetTextDatum(statement_names[kind]);
				values[4] = Int64GetDatum(source->num_generic_plans);
				values[5] = Int64GetDatum(source->num_custom_plans);
				tuplestore_putvalues(store, desc, values, nulls);
			}
	}
}

/*
 * At the end of a transaction, free the stale queries taken out of the cache
 * that no call uses, and drop the least recently used entries past
 * CACHE_SIZE.  An aborted call's memory
 * (and its pin) may go only after this: what it pins stays for the next
 * transaction's end.
 */
static void
TrimCache(XactEvent event, void *arg)
{
	DeadEntry **link = &dead;

	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;

	while (*link != NULL)
	{
		DeadEntry  *grave = *link;

		if (grave->query->pins > 0)
		{
			link = &grave->next;
			continue;
		}
		*link = grave->next;
		FreeQuery(grave->query, grave->context);
		pfree(grave);
	}
	KeepWithinSize(NULL);
}

/* Mark stale the entries of queries that read a relation that changed. */
static void
InvalidateRelation(Datum arg, Oid relid)
{
	dlist_iter	iter;

	dlist_foreach(iter, &lru)
	{
		CacheEntry *entry = dlist_container(CacheEntry, lru, iter.cur);

		if (!OidIsValid(relid) || list_member_oid(entry->query->relations, relid))
			MarkStale(entry);
	}
}

/*
 * A function changed (or all did: hashvalue 0): a query that reads rows from
 * it is described afresh, since its columns may differ (a function dropped
 * and created again with other ones).
 */
static void
InvalidateFunction(Datum arg, int cacheid, uint32 hashvalue)
{
	dlist_iter	iter;

	dlist_foreach(iter, &lru)
	{
		CacheEntry *entry = dlist_container(CacheEntry, lru, iter.cur);
		ListCell   *cell;

		foreach(cell, entry->query->functions)
		{
			if (hashvalue == 0 ||
				GetSysCacheHashValue1(PROCOID, ObjectIdGetDatum(lfirst_oid(cell))) == hashvalue)
				MarkStale(entry);
		}
	}
}

/*
 * Is the query still what its text means now: in the cache under the
 * current key (search path, role), and not stale?
 */
bool
PaginateCacheHolds(PaginateQuery *query)
{
	CacheKey	key;
	CacheEntry *entry;

	CurrentKey(&key, query->text, query->order_by, CurrentMemoryContext);
	entry = hash_search(cache, &key, HASH_FIND, NULL);
	return entry != NULL && entry->query == query && !query->stale;
}



/*
 * An entry's description no longer holds: the next lookup drops it, and a
 * call that holds its query sees query->stale.
 */
static void
MarkStale(CacheEntry *entry)
{
	entry->query->stale = true;
}

/* Free a query's statements and memory. */
static void
FreeQuery(PaginateQuery *query, MemoryContext context)
{
	int			kind;
	int			slot;

	for (kind = 0; kind < PAGINATE_STATEMENT_KINDS; kind++)
		for (slot = 0; slot < PAGINATE_SHAPES; slot++)
			if (query->statements[kind][slot] != NULL)
				DropCachedPlan(query->statements[kind][slot]);
	MemoryContextDelete(context);
}

/* Forget an entry and free its statements. */
static void
DropEntry(CacheEntry *entry)
{
	PaginateQuery *query = entry->query;
	MemoryContext context = entry->context;

	dlist_delete(&entry->lru);
	/* the key's text lives in context: remove the entry before freeing it */
	hash_search(cache, &entry->key, HASH_REMOVE, NULL);
	FreeQuery(query, context);
}

/*
 * The key of a query text now; its schemas are allocated in context.  The
 * search path in effect includes the temporary schema (fetch_search_path_array
 * leaves it out): a session's first temporary table puts it in front, and a
 * name may then find another table.
 */
static void
CurrentKey(CacheKey *key, const char *text, const char *order_by,
		   MemoryContext context)
{
	List	   *path = fetch_search_path(true);
	Oid		   *schemas = MemoryContextAlloc(context,
											 sizeof(Oid) * Max(list_length(path), 1));
	ListCell   *cell;
	int			n = 0;

	foreach(cell, path)
		schemas[n++] = lfirst_oid(cell);
	list_free(path);

	key->text = text;

	key->order_by = order_by;
	key->standard_strings = standard_conforming_strings;
	key->nschemas = n;
	key->schemas = schemas;
	key->user = GetUserId();
}

/* Hash a key: its text, sort, settings, schemas and role. */
static uint32
KeyHash(const void *key, Size keysize)
{
	const CacheKey *k = (const CacheKey *) key;
	uint32		hash = hash_bytes((const unsigned char *) k->text, strlen(k->text));
	uint32		sort = 0;

	if (k->order_by != NULL)
		sort = hash_bytes((const unsigned char *) k->order_by, strlen(k->order_by));

	hash = hash_combine(hash, sort);
	hash = hash_combine(hash, hash_bytes((const unsigned char *) k->schemas,
										 sizeof(Oid) * k->nschemas));
	hash = hash_combine(hash, murmurhash32((uint32) k->standard_strings));
	return hash_combine(hash, murmurhash32((uint32) k->user));
}

/* Compare two keys; 0 when equal. */
static int
KeyCompare(const void *a, const void *b, Size keysize)
{
	const CacheKey *ka = (const CacheKey *) a;
	const CacheKey *kb = (const CacheKey *) b;

	if (ka->standard_strings != kb->standard_strings || ka->user != kb->user ||
		ka->nschemas != kb->nschemas ||
		memcmp(ka->schemas, kb->schemas, sizeof(Oid) * ka->nschemas) != 0)
		return 1;
	if ((ka->order_by == NULL) != (kb->order_by == NULL) ||
		(ka->order_by != NULL && strcmp(ka->order_by, kb->order_by) != 0))
		return 1;
	return strcmp(ka->text, kb->text);
}
