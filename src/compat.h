/*
 * compat.h
 *		Differences between the PostgreSQL versions paginate builds against.
 *
 * paginate is written against the PostgreSQL 15 server API.  Where a newer
 * major version renames or changes a call, the difference is absorbed here,
 * named after the newer API, so that no function body needs an #if.
 */
#ifndef PAGINATE_COMPAT_H
#define PAGINATE_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "paginate requires PostgreSQL 15 or later"
#endif

#endif							/* PAGINATE_COMPAT_H */
