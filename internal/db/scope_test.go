package db_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/db"
)

// The system scope's users, as "file: purpose". Adding a line here is the
// deliberate choice of letting code act in a workspace without a user.
var systemScopeUsers = []string{
	"internal/auth/handlers.go: db.PurposeAccountEmail",
	"internal/billing/jobs.go: db.PurposePayments",
	"internal/billing/webhook.go: db.PurposePayments",
	"internal/file/jobs.go: db.PurposeFileJobs",
	"internal/mail/outbox.go: db.PurposeMailOutbox",
	"internal/notify/bounce.go: db.PurposeNotifications",
	"internal/notify/inbox.go: db.PurposeNotifications",
	"internal/notify/notify.go: db.PurposeNotifications",
	"internal/notify/unsubscribe.go: db.PurposeNotifications",
	"internal/workspace/invitation.go: db.PurposeInvitation",
}

// TestSystemScopeCallers reads the source: every use of db.SystemScope is
// listed above, and no production code builds a workspace scope with a
// role but no user by hand (the old way of acting for the system).
func TestSystemScopeCallers(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	used := map[string]bool{}
	var handBuilt []string
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch rel {
			case "web", "var", ".git", "internal/db/dbq",
				// Test support builds fixtures directly, on purpose.
				"internal/apitest", "internal/dbtest":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || rel == "internal/db/db.go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "SystemScope" && len(n.Args) == 2 {
					used[rel+": "+exprString(n.Args[1])] = true
				}
			case *ast.CompositeLit:
				if exprString(n.Type) != "db.Scope" {
					return true
				}
				keys := map[string]bool{}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						keys[exprString(kv.Key)] = true
					}
				}
				if keys["Role"] && !keys["UserID"] || keys["Purpose"] {
					handBuilt = append(handBuilt, fset.Position(n.Pos()).String())
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	var got []string
	for u := range used {
		got = append(got, u)
	}
	sort.Strings(got)
	require.Equal(t, systemScopeUsers, got, "a new user of db.SystemScope must be listed in systemScopeUsers")
	require.Empty(t, handBuilt, "act for the system through db.SystemScope, not a hand-built admin scope")
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return ""
}

func TestSystemScopeNeedsWorkspaceAndPurpose(t *testing.T) {
	t.Parallel()
	s := db.SystemScope(uuid.New(), db.PurposeFileJobs)
	require.Equal(t, "admin", s.Role)
	require.Equal(t, uuid.Nil, s.UserID, "the system is nobody: no own-rows policy matches it")
	require.Panics(t, func() { db.SystemScope(uuid.Nil, db.PurposeFileJobs) })
	require.Panics(t, func() { db.SystemScope(uuid.New(), "") })
}
