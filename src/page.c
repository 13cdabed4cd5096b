/*
 * page.c
 *		Fetch one page: from an offset, or after or before a cursor.
 *
 * Every page is fetched with one row more than it holds, which tells whether
 * a page follows in the walk (has_next, or has_prev walking backward).  The
 * page before a cursor, and the last page, are fetched in the reverse order
 * and handed on in the query's order.  When the query's pages carry
 * cursors, the cursors of the page's first and last rows (or, with
 * row_cursors, of every row) are made from their key values (columns of the
 * keyed query, or a probe's only ones).  A page with no rows after or before
 * a cursor hands that cursor back as both, so a client never falls back to
 * the first page.
 *
 * When the query has no unique key, rows equal in every key ("copies") are
 * told apart by their place among them ("ties"): a cursor at the k-th of
 * them resumes at the (k+1)-th.  Working out k for the first and last rows
 * of a page takes a count only when such a run of copies crosses the page's
 * edge.
 */
#include "postgres.h"

#include "access/tupdesc.h"
#include "common/int.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "internal.h"

/* The key values of one row, as a cursor holds them. */
typedef struct RowPosition
{
	bool		valid;
	Datum	   *values;
	bool	   *nulls;
} RowPosition;

typedef struct PageState
{
	PaginateCall *call;
	PaginateQuery *query;
	bool		cursors;		/* rows bring their key values */
	bool		positions;		/* ... which the page's cursors are made from:
								 * kept as rows are read */
	int		   *key_at;			/* where in a row each key's value is */
	bool	   *key_byval;		/* is each key's type passed by value */
	int32		per_page;
	int64		lead;			/* rows to read before the page: 0 or 1 */
	int64		skip_ties;		/* at most this many copies of the cursor's
								 * row to skip */
	int64		skipped;		/* copies of the cursor's row skipped */
	RowPosition cursor_row;		/* the cursor's position, when skipping */
	uint64		seen;			/* rows read, lead and extra ones included */
	int64		rows;			/* rows of the page */
	PaginateStartCallback start;
	PaginateRowCallback store;
	void	   *arg;
	MemoryContext context;		/* where positions and the buffer live */
	FmgrInfo   *equal;			/* each key's equality function */

	/* the page read backward, or whose rows get cursors, kept to be handed on */
	Tuplestorestate *buffer;
	TupleDesc	desc;
	bool		backward;		/* read in the reverse order */
	int64		first_ties;		/* the first row's place among its copies */

	/* positions, in the order the rows were read */
	RowPosition lead_row;
	RowPosition first;
	RowPosition last;
	RowPosition extra;
	RowPosition spare;			/* a position no longer kept: its arrays, for
								 * the next row's */
	int64		first_run;		/* rows equal to the first one, from it on */
	int64		last_run;		/* rows equal to the last one, up to it */
	bool		changed;		/* not all rows of the page are equal */
} PageState;

static void StartRows(TupleDesc columns, void *arg);
static void TakeRow(TupleTableSlot *slot, void *arg);
static void KeepPosition(PageState *state, TupleTableSlot *slot, RowPosition *pos);
static bool SamePosition(PageState *state, RowPosition *a, RowPosition *b);
static void ClearPosition(PageState *state, RowPosition *pos);
static void FreePosition(PageState *state, RowPosition *pos);
static int64 CountWith(PaginateCall *call, PaginateStatementKind kind,
					   Datum *values, bool *nulls);
static void SetCursorParams(PaginateCall *call, ParamListInfo params,
							Datum *values, bool *nulls);
static bool EndRowAtCursor(PaginateCall *call, PaginateStatementKind kind);
static void TakeEndRow(TupleTableSlot *slot, void *arg);
static int	CompareKeys(PaginateQuery *query, Datum *a_values, bool *a_nulls,
						Datum *b_values, bool *b_nulls);
static void SetCursors(PageState *state, int64 first_ties, int64 last_ties);
static void MakeCursors(PageState *state, PaginatePagePlan *plan);
static void EmitRows(PageState *state);
static bool MakesCursors(PaginateCall *call);

/*
 * Does the call make cursors of its page: start_cursor and end_cursor for
 * its metadata, or a cursor for every row?  A call that returns its rows
 * alone (paginate, paginate_as) makes none, and keeps no row's keys.
 */
static bool
MakesCursors(PaginateCall *call)
{
	return PaginateHasCursors(call->query) && (!call->rows_only || call->row_cursors);
}

/*
 * The statement that fetches a page walked this way, returning target
 * (jsonb rows are made in C from the columns of the page's rows alone).
 */
static PaginateStatementKind
PageKind(PaginateWalk walk, PaginateTarget target)
{
	return PaginatePageKind(walk, target == PAGINATE_TARGET_NOTHING);
}

/*
 * Decide what the call's page runs: the statement, and the limit and offset
 * it is given, with the lead row (an offset page with copies reads the row
 * before it) and the copies of the cursor's row to skip (after a cursor) or
 * to pass over by offset (before one, counted here with the ties statement).
 * A cursor's count of copies is whatever its bytes say (an unsigned cursor
 * can be forged), so the limit saturates instead of overflowing: a limit of
 * INT64_MAX reads to the end, as skipping that many copies would.
 */
void
PaginatePlanPage(PaginateCall *call, PaginateTarget target, PaginatePagePlan *plan)
{
	PaginateQuery *query = call->query;
	int64		offset = 0;

	memset(plan, 0, sizeof(PaginatePagePlan));
	plan->kind = PageKind(call->walk, target);
	plan->probe = PAGINATE_STATEMENT_KINDS;
	switch (call->walk)
	{
		case PAGINATE_WALK_OFFSET:
			offset = call->offset;

			/*
			 * with copies, the row before the page says where the first one
			 * stands
			 */
			if (MakesCursors(call) && query->copies && offset > 0)
				plan->lead = 1;

			/*
			 * deep: the offset skips over the keys alone, then the rows by
			 * key
			 */
			if (plan->kind == PAGINATE_PAGE_COLUMNS && query->lookup_columns != NIL &&
				offset >= query->lookup_offset)
				plan->kind = PAGINATE_PAGE_LOOKUP;
			break;
		case PAGINATE_WALK_AFTER:

			/*
			 * With copies, the rows from the cursor's on start with its
			 * copies (equal in every key): the cursor's row and the copies
			 * before it are skipped as they are read, so that a copy deleted
			 * meanwhile makes no other row be skipped.
			 */
			if (query->copies)
				plan->skip_ties = call->cursor->ties;
			if (!call->rows_only)
				plan->probe = PAGINATE_FIRST_ROW;
			break;
		case PAGINATE_WALK_BEFORE:
			/* backward, the copies at or after the cursor's row come first */
			if (query->copies)
			{
				PaginateCursor *cursor = call->cursor;

				plan->counted_ties = true;
				plan->ties = CountWith(call, PAGINATE_TIES, cursor->values, cursor->nulls);
				plan->skipped = Max(0, plan->ties - cursor->ties + 1);
				offset = plan->skipped;
			}
			if (!call->rows_only)
				plan->probe = PAGINATE_LAST_ROW;
			break;
		case PAGINATE_WALK_LAST:
			/* from the end: nothing follows, and the extra row tells has_prev */
			break;
	}
	if (pg_add_s64_overflow((int64) call->per_page + 1 + plan->lead,
							plan->skip_ties, &plan->limit))
		plan->limit = PG_INT64_MAX;
	plan->offset = offset - plan->lead;
}

/*
 * How many columns follow the query's own in the rows of a page: the hidden
 * keys, when the query's pages carry cursors.
 */
int
PaginateCursorColumns(PaginateQuery *query)
{
	return PaginateHasCursors(query) ? query->nhidden : 0;
}

/*
 * The parameters of a statement that reads rows: the query's, the limit and
 * offset, and the call's cursor when it has one.
 */
ParamListInfo
PaginatePageParams(PaginateCall *call, PaginateStatementKind kind,
				   int64 limit, int64 offset)
{
	PaginateQuery *query = call->query;
	ParamListInfo params = PaginateBindParams(query, call->params,
											  PaginateExtraParams(query, kind));

	PaginateSetInt64Param(params, PAGINATE_PARAM_LIMIT(query), limit);
	PaginateSetInt64Param(params, PAGINATE_PARAM_OFFSET(query), offset);
	if (call->cursor != NULL && PAGINATE_COMPARES_KEYS(query, kind))
		SetCursorParams(call, params, call->cursor->values, call->cursor->nulls);
	return params;
}

/*
 * Fetch the call's page: start is told the columns of its rows, store gets
 * them in the query's order.  Fills in the rows, has_prev, has_next and the
 * cursors of the call's metadata; for a call that returns its rows alone
 * (rows_only), neither the probe for has_prev (has_next) after (before) a
 * cursor runs nor are cursors made.  (Long: the page state's set-up, then
 * the metadata each walk reads off the page.)
 */
void
PaginateFetchPage(PaginateCall *call, PaginateTarget target,
				  PaginateStartCallback start, PaginateRowCallback store,
				  void *arg)
{
	PaginateQuery *query = call->query;
	PaginatePagePlan plan;
	PageState	state;
	int			i;

	memset(&state, 0, sizeof(state));
	state.call = call;
	state.query = query;
	state.cursors = PaginateHasCursors(query);
	state.positions = MakesCursors(call);
	state.key_at = palloc(sizeof(int) * Max(query->nkeys, 1));
	state.key_byval = palloc(sizeof(bool) * Max(query->nkeys, 1));
	for (i = 0; i < query->nkeys; i++)
	{
		state.key_at[i] = target == PAGINATE_TARGET_NOTHING ? i :
			query->keys[i].column - 1;
		state.key_byval[i] = get_typbyval(query->keys[i].type);
	}
	state.per_page = call->per_page;
	state.start = start;
	state.store = store;
	state.arg = arg;
	state.context = CurrentMemoryContext;

	if (state.cursors && query->copies)
	{
		state.equal = palloc(sizeof(FmgrInfo) * query->nkeys);
		for (i = 0; i < query->nkeys; i++)
			fmgr_info(get_opcode(query->keys[i].eqop), &state.equal[i]);
	}

	PaginatePlanPage(call, target, &plan);
	state.lead = plan.lead;
	state.skip_ties = plan.skip_ties;
	if (plan.skip_ties > 0)
	{
		state.cursor_row.valid = true;
		state.cursor_row.values = call->cursor->values;
		state.cursor_row.nulls = call->cursor->nulls;
	}
	state.backward = PaginateWalkBackward(call->walk);
	/* rows read backward, or that get a cursor each, are kept until the end */
	if (state.backward || (call->row_cursors && state.cursors))
		state.buffer = tuplestore_begin_heap(true, false, work_mem);

	/*
	 * the page, one row more, the lead row and the copies of the cursor's row
	 * to skip
	 */
	PaginateRun(query, plan.kind,
				PaginatePageParams(call, plan.kind, plan.limit, plan.offset),
				StartRows, TakeRow, &state);

	call->meta.rows = state.rows;
	call->page_read = true;
	switch (call->walk)
	{
		case PAGINATE_WALK_OFFSET:
			call->meta.has_prev = call->page > 1;
			call->meta.has_next = state.extra.valid;
			break;
		case PAGINATE_WALK_AFTER:
			call->meta.has_next = state.extra.valid;
			if (plan.probe != PAGINATE_STATEMENT_KINDS)
				call->meta.has_prev = EndRowAtCursor(call, plan.probe);
			break;
		case PAGINATE_WALK_BEFORE:
			call->meta.has_prev = state.extra.valid;
			if (plan.probe != PAGINATE_STATEMENT_KINDS)
				call->meta.has_next = EndRowAtCursor(call, plan.probe);
			break;
		case PAGINATE_WALK_LAST:
			call->meta.has_prev = state.extra.valid;
			call->meta.has_next = false;
			break;
	}

	if (state.positions)
		MakeCursors(&state, &plan);
	EmitRows(&state);
}

/*
 * The cursors of the page's first and last rows, and the place among its
 * copies of its first row (state->first_ties), from which EmitRows counts
 * on.
 */
static void
MakeCursors(PageState *state, PaginatePagePlan *plan)
{
	PaginateCall *call = state->call;
	PaginateQuery *query = state->query;
	int64		first_ties = 0;
	int64		last_ties = 0;

	if (state->rows == 0)
	{
		/* an empty page after or before a cursor stands where it was */
		if (call->cursor != NULL)
		{
			call->meta.start_cursor = pstrdup(call->cursor->text);
			call->meta.end_cursor = pstrdup(call->cursor->text);
		}
		return;
	}

	/* the place among copies of the first and last rows, in the query's order */
	if (query->copies)
	{
		RowPosition cursor_pos = {false, NULL, NULL};

		if (call->cursor != NULL)
		{
			cursor_pos.valid = true;
			cursor_pos.values = call->cursor->values;
			cursor_pos.nulls = call->cursor->nulls;
		}

		if (!state->backward)
		{
			if (call->walk == PAGINATE_WALK_OFFSET && state->lead_row.valid &&
				SamePosition(state, &state->lead_row, &state->first))
				first_ties = call->offset -
					CountWith(call, PAGINATE_COUNT_BEFORE, state->first.values,
							  state->first.nulls) + 1;
			else if (call->walk == PAGINATE_WALK_AFTER &&
					 SamePosition(state, &cursor_pos, &state->first))
				first_ties = state->skipped + 1;
			else
				first_ties = 1;
			last_ties = state->changed ? state->last_run : first_ties + state->rows - 1;
		}
		else
		{
			/* read backward: the last row read is the page's first */
			bool		with_cursor = SamePosition(state, &cursor_pos, &state->last);

			if (state->extra.valid && SamePosition(state, &state->extra, &state->last))
			{
				int64		group = with_cursor ? plan->ties :
				CountWith(call, PAGINATE_TIES, state->last.values, state->last.nulls);

				first_ties = group - state->last_run - (with_cursor ? plan->skipped : 0) + 1;
				first_ties = Max(first_ties, 1);
			}
			else
				first_ties = 1;
			last_ties = state->changed ? state->first_run : first_ties + state->rows - 1;
		}
	}
	SetCursors(state, first_ties, last_ties);
	state->first_ties = first_ties;
}

/*
 * Hand the rows kept (read backward, or to get a cursor each) on to the
 * caller, in the query's order; with row cursors, each with its own
 * (call->row_cursor, while store has the row): its keys and, with copies,
 * its place among them, counted on from the first row's.
 */
static void
EmitRows(PageState *state)
{
	PaginateCall *call = state->call;
	TupleTableSlot *slot;
	RowPosition previous = {false, NULL, NULL};
	int64		ties = 0;
	bool		row_cursors = call->row_cursors && state->cursors;

	if (state->buffer == NULL)
		return;
	if (state->desc == NULL)
		state->desc = CreateTemplateTupleDesc(0);
	slot = MakeSingleTupleTableSlot(state->desc, &TTSOpsMinimalTuple);
	if (state->backward)
		/* to the end, then read backward */
		tuplestore_skiptuples(state->buffer, state->rows + 1, true);
	while (tuplestore_gettupleslot(state->buffer, !state->backward, false, slot))
	{
		if (row_cursors)
		{
			RowPosition pos = {false, NULL, NULL};

			KeepPosition(state, slot, &pos);
			if (!previous.valid)
				ties = state->first_ties;
			else if (state->query->copies && SamePosition(state, &previous, &pos))
				ties++;
			else
				ties = 1;
			FreePosition(state, &previous);
			previous = pos;
			call->row_cursor = PaginateEncodeCursor(state->query, PaginateCallFingerprint(call),
													pos.values, pos.nulls,
													state->query->copies ? ties : 0);
		}
		if (state->store != NULL)
			state->store(slot, state->arg);
		if (row_cursors)
		{
			pfree(call->row_cursor);
			call->row_cursor = NULL;
		}
	}
	FreePosition(state, &previous);
	ExecDropSingleTupleTableSlot(slot);
	tuplestore_end(state->buffer);
	state->buffer = NULL;
}

/* Remember the columns of the rows, and pass them on. */
static void
StartRows(TupleDesc columns, void *arg)
{
	PageState  *state = (PageState *) arg;

	if (state->cursors)
		PaginateCheckKeyColumns(state->query, columns, state->key_at);

	if (state->buffer != NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(state->context);

		state->desc = CreateTupleDescCopy(columns);
		MemoryContextSwitchTo(old);
	}
	if (state->start != NULL)
		state->start(columns, state->arg);
}

/*
 * Take one row read: the lead row and the extra row only tell where they
 * stand; the page's rows also go on, or into the buffer.
 */
static void
TakeRow(TupleTableSlot *slot, void *arg)
{
	PageState  *state = (PageState *) arg;
	RowPosition pos = {false, NULL, NULL};

	if (state->skip_ties > 0)
	{
		KeepPosition(state, slot, &pos);
		if (SamePosition(state, &pos, &state->cursor_row))
		{
			state->skip_ties--;
			state->skipped++;
			FreePosition(state, &pos);
			return;
		}
		state->skip_ties = 0;
		FreePosition(state, &pos);
	}

	state->seen++;
	if (state->seen <= (uint64) state->lead)
	{
		if (state->positions)
			KeepPosition(state, slot, &state->lead_row);
		return;
	}
	if (state->rows >= state->per_page)
	{
		if (state->positions)
			KeepPosition(state, slot, &state->extra);
		state->extra.valid = true;
		return;
	}

	state->rows++;
	if (state->positions)
	{
		/* (the arrays of the position last let go, if any) */
		pos = state->spare;
		memset(&state->spare, 0, sizeof(RowPosition));
		KeepPosition(state, slot, &pos);
		if (state->rows == 1)
		{
			state->first = pos;
			state->first_run = 1;
			state->last_run = 1;
		}
		else if (state->query->copies && SamePosition(state, &state->last, &pos))
		{
			state->last_run++;
			if (!state->changed)
				state->first_run++;
		}
		else
		{
			state->changed = true;
			state->last_run = 1;
		}
		/* only the first and last positions are kept: memory stays flat */
		if (state->rows > 2)
		{
			ClearPosition(state, &state->last);
			state->spare = state->last;
		}
		state->last = pos;
	}

	if (state->buffer != NULL)
		tuplestore_puttupleslot(state->buffer, slot);
	else if (state->store != NULL)
		state->store(slot, state->arg);
}

/*
 * Copy the key values of the row, into pos's arrays if it has them (its
 * values before are freed).
 */
static void
KeepPosition(PageState *state, TupleTableSlot *slot, RowPosition *pos)
{
	PaginateQuery *query = state->query;
	MemoryContext old = MemoryContextSwitchTo(state->context);
	int			i;

	slot_getallattrs(slot);
	ClearPosition(state, pos);
	if (pos->values == NULL)
	{
		pos->values = palloc(sizeof(Datum) * query->nkeys);
		pos->nulls = palloc(sizeof(bool) * query->nkeys);
	}
	pos->valid = true;
	for (i = 0; i < query->nkeys; i++)
	{
		int			at = state->key_at[i];
		Form_pg_attribute att = TupleDescAttr(slot->tts_tupleDescriptor, at);

		pos->nulls[i] = slot->tts_isnull[at];
		pos->values[i] = pos->nulls[i] ? (Datum) 0 :
			datumCopy(slot->tts_values[at], att->attbyval, att->attlen);
	}
	MemoryContextSwitchTo(old);
}

/* Free the values KeepPosition copied; its arrays stay, for another row. */
static void
ClearPosition(PageState *state, RowPosition *pos)
{
	int			i;

	if (!pos->valid || pos->values == NULL)
		return;
	for (i = 0; i < state->query->nkeys; i++)
	{
		if (!pos->nulls[i] && !state->key_byval[i])
			pfree(DatumGetPointer(pos->values[i]));
	}
	pos->valid = false;
}

/* Free what KeepPosition copied, arrays and all. */
static void
FreePosition(PageState *state, RowPosition *pos)
{
	ClearPosition(state, pos);
	if (pos->values != NULL)
	{
		pfree(pos->values);
		pfree(pos->nulls);
		pos->values = NULL;
		pos->nulls = NULL;
	}
	pos->valid = false;
}

/* Are two rows copies: equal in every key, NULL equal to NULL? */
static bool
SamePosition(PageState *state, RowPosition *a, RowPosition *b)
{
	PaginateQuery *query = state->query;
	int			i;

	if (!a->valid || !b->valid)
		return false;
	for (i = 0; i < query->nkeys; i++)
	{
		if (a->nulls[i] || b->nulls[i])
		{
			if (a->nulls[i] != b->nulls[i])
				return false;
			continue;
		}
		if (!DatumGetBool(FunctionCall2Coll(&state->equal[i],
											query->keys[i].collation,
											a->values[i], b->values[i])))
			return false;
	}
	return true;
}

/* Run one of the counts about a position: its copies, or the rows before them. */
static int64
CountWith(PaginateCall *call, PaginateStatementKind kind, Datum *values, bool *nulls)
{
	PaginateQuery *query = call->query;
	ParamListInfo params = PaginateBindParams(query, call->params,
											  PaginateExtraParams(query, kind));
	int64		count = 0;

	SetCursorParams(call, params, values, nulls);
	PaginateRun(query, kind, params, NULL, PaginateTakeCount, &count);
	return count;
}

/* The keys of the query's first or last row, as PAGINATE_FIRST_ROW reads them. */
typedef struct EndRow
{
	PaginateQuery *query;
	bool		found;
	Datum	   *values;
	bool	   *nulls;
	MemoryContext context;		/* where the values are copied to: the run's
								 * own memory goes with it */
} EndRow;

/*
 * Is there a row at or before the call's cursor (has_prev, after a cursor),
 * or at or after it (has_next, before one)?  Exactly when the query's first
 * row (last row) is one: its keys are compared with the cursor's here, and
 * the statement that reads it has no cursor parameter, so one plan serves.
 */
static bool
EndRowAtCursor(PaginateCall *call, PaginateStatementKind kind)
{
	PaginateQuery *query = call->query;
	EndRow		end = {query, false, NULL, NULL, CurrentMemoryContext};
	int			order;

	end.values = palloc0(sizeof(Datum) * query->nkeys);
	end.nulls = palloc0(sizeof(bool) * query->nkeys);
	PaginateRun(query, kind, PaginateBindParams(query, call->params, 0),
				NULL, TakeEndRow, &end);
	if (!end.found)
		return false;
	order = CompareKeys(query, end.values, end.nulls,
						call->cursor->values, call->cursor->nulls);
	return kind == PAGINATE_FIRST_ROW ? order <= 0 : order >= 0;
}

/* Keep the keys of the first or last row. */
static void
TakeEndRow(TupleTableSlot *slot, void *arg)
{
	EndRow	   *end = (EndRow *) arg;
	MemoryContext old = MemoryContextSwitchTo(end->context);
	int			i;

	slot_getallattrs(slot);
	for (i = 0; i < end->query->nkeys; i++)
	{
		Form_pg_attribute att = TupleDescAttr(slot->tts_tupleDescriptor, i);

		end->nulls[i] = slot->tts_isnull[i];
		end->values[i] = end->nulls[i] ? (Datum) 0 :
			datumCopy(slot->tts_values[i], att->attbyval, att->attlen);
	}
	end->found = true;
	MemoryContextSwitchTo(old);
}

/*
 * Where row a stands against row b in the query's order, by their keys: -1
 * before, 0 equal in every key, 1 after.  Each key's ordering operator says
 * "comes before", NULLs stand where the ORDER BY puts them.
 */
static int
CompareKeys(PaginateQuery *query, Datum *a_values, bool *a_nulls,
			Datum *b_values, bool *b_nulls)
{
	int			i;

	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];
		Oid			before = get_opcode(key->sortop);

		if (a_nulls[i] || b_nulls[i])
		{
			if (a_nulls[i] && b_nulls[i])
				continue;
			return a_nulls[i] == key->nulls_first ? -1 : 1;
		}
		if (DatumGetBool(OidFunctionCall2Coll(before, key->collation,
											  a_values[i], b_values[i])))
			return -1;
		if (DatumGetBool(OidFunctionCall2Coll(before, key->collation,
											  b_values[i], a_values[i])))
			return 1;
	}
	return 0;
}

/* Set the cursor parameters: the keys' values. */
static void
SetCursorParams(PaginateCall *call, ParamListInfo params,
				Datum *values, bool *nulls)
{
	PaginateQuery *query = call->query;
	int			i;

	for (i = 0; i < query->nkeys; i++)
	{
		ParamExternData *param = &params->params[PAGINATE_PARAM_KEY(query, i) - 1];

		param->ptype = query->keys[i].type;
		param->pflags = PARAM_FLAG_CONST;
		param->isnull = nulls[i];
		param->value = nulls[i] ? (Datum) 0 : values[i];
	}
}

/* Make the cursors of the page's first and last rows, in the query's order. */
static void
SetCursors(PageState *state, int64 first_ties, int64 last_ties)
{
	PaginateCall *call = state->call;
	RowPosition *first = state->backward ? &state->last : &state->first;
	RowPosition *last = state->backward ? &state->first : &state->last;

	call->meta.start_cursor = PaginateEncodeCursor(state->query, PaginateCallFingerprint(call),
												   first->values, first->nulls,
												   first_ties);
	call->meta.end_cursor = PaginateEncodeCursor(state->query, PaginateCallFingerprint(call),
												 last->values, last->nulls,
												 last_ties);
}
