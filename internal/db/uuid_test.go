package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/dbtest"
)

// uuid.UUID goes to PostgreSQL and back as its 16 bytes, in both formats,
// alone, nullable, in arrays, and NULL reads as before.
func TestRegisterUUID(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbtest.AdminURL())
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	db.RegisterUUID(conn.TypeMap())
	_ = d

	a, b := uuid.New(), uuid.New()

	// The wrapper is the plan pgx picks: not the Valuer's string round trip.
	plan := conn.TypeMap().PlanEncode(pgtype.UUIDOID, pgtype.BinaryFormatCode, a)
	require.NotNil(t, plan)
	require.NotContains(t, typeName(plan), "DriverValuer")

	var text string
	var got uuid.UUID
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid::text, $1::uuid`, a).Scan(&text, &got))
	require.Equal(t, a.String(), text)
	require.Equal(t, a, got)

	// Text format too (simple protocol sends every parameter as text).
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid`, pgx.QueryExecModeSimpleProtocol, b).Scan(&got))
	require.Equal(t, b, got)

	var null *uuid.UUID = &a
	require.NoError(t, conn.QueryRow(ctx, `SELECT NULL::uuid`).Scan(&null))
	require.Nil(t, null)
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid`, &b).Scan(&null))
	require.Equal(t, b, *null)
	require.NotContains(t, typeName(conn.TypeMap().PlanEncode(pgtype.UUIDOID, pgtype.BinaryFormatCode, &b)), "DriverValuer")
	var nilPtr *uuid.UUID
	var isNull bool
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid IS NULL`, nilPtr).Scan(&isNull))
	require.True(t, isNull)

	got = a
	require.NoError(t, conn.QueryRow(ctx, `SELECT NULL::uuid`).Scan(&got))
	require.Equal(t, a, got, "NULL into a uuid.UUID leaves it as it was, as uuid.UUID.Scan does")
	scan := conn.TypeMap().PlanScan(pgtype.UUIDOID, pgtype.BinaryFormatCode, &got)
	require.NotContains(t, typeName(scan), "SQLScanner")

	var arr []uuid.UUID
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid[]`, []uuid.UUID{a, b}).Scan(&arr))
	require.Equal(t, []uuid.UUID{a, b}, arr)
	require.NotContains(t, typeName(conn.TypeMap().PlanEncode(pgtype.UUIDArrayOID, pgtype.BinaryFormatCode, arr)), "DriverValuer")
	// Text results too (simple protocol), and pgx's own type still works.
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid`, pgx.QueryExecModeSimpleProtocol, a).Scan(&got))
	require.Equal(t, a, got)
	var pg pgtype.UUID
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid`, a).Scan(&pg))
	require.Equal(t, [16]byte(a), pg.Bytes)
	require.Error(t, conn.QueryRow(ctx, `SELECT $1::uuid`, "not-a-uuid").Scan(&got))
	var n int
	require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM unnest($1::uuid[]) u WHERE u = ANY($2)`, []uuid.UUID{a, b}, []uuid.UUID{b}).Scan(&n))
	require.Equal(t, 1, n)
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
