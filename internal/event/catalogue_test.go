package event_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/event"
)

// objects are the prefixes of action codes: a string literal that starts
// with one of them and looks like a code must be a catalogued action.
var objects = map[string]bool{"workspace": true, "member": true, "invitation": true, "project": true, "phase": true, "note": true,
	"task": true, "folder": true, "file": true, "approval": true, "request": true, "payment": true, "message": true}

var codeRe = regexp.MustCompile(`^([a-z]+)\.[a-z_]+$`)

// TestEveryRecordedActionIsCatalogued reads the source of internal/: the
// action of every Record, RecordAdminOnly and Announce call (and of every
// Event or activity Entry literal) is built from the catalogue's constants,
// never from a string literal; and every literal that looks like an action
// code is in the catalogue.
func TestEveryRecordedActionIsCatalogued(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	var problems []string
	seen := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.HasPrefix(filepath.ToSlash(path), "../event/") || strings.Contains(path, "/dbq/") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		literalIn := func(e ast.Expr, where string) {
			ast.Inspect(e, func(n ast.Node) bool {
				if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
					problems = append(problems, fset.Position(l.Pos()).String()+": "+where+" action is the literal "+l.Value+": use an event constant")
				}
				return true
			})
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				// River job kinds ("file.purge") share the shape, not the list.
				return n.Name.Name != "Kind"
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				switch sel.Sel.Name {
				case "Record", "RecordAdminOnly":
					// t.Record(project, action, …); activity.Record(ctx, q, Entry{…}) is checked as a literal.
					if len(n.Args) >= 5 {
						seen++
						literalIn(n.Args[1], sel.Sel.Name)
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Action" {
					seen++
					literalIn(n.Value, "Action:")
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil {
					return true
				}
				if m := codeRe.FindStringSubmatch(s); m != nil && objects[m[1]] && !event.Known(s) {
					problems = append(problems, fset.Position(n.Pos()).String()+": "+strconv.Quote(s)+" looks like an action code and is not in the catalogue")
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, seen, 40, "the scan found the Record calls")
	require.Empty(t, problems, strings.Join(problems, "\n"))
}

// TestCatalogue checks each notifying action has a family, and the
// families parse.
func TestCatalogue(t *testing.T) {
	t.Parallel()
	for _, a := range event.All() {
		i, _ := event.Lookup(a)
		if i.Notifies() {
			require.True(t, event.ValidFamily(string(i.Family)), "%s notifies without a family", a)
		}
		if i.Chatty {
			require.True(t, i.Notifies(), a)
		}
	}
	require.False(t, event.Known("task.exploded"))
	require.False(t, event.ValidFamily("unknown"))
	require.Equal(t, event.ApprovalChanges, event.ApprovalDecided("changes_requested"))
}
