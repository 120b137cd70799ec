package architecture

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/costdial/costdial"

// root is the module's directory.
const root = "../.."

// packages lists the module's packages by their path in it ("model/cost"),
// with their imports, test imports included.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "docs") {
			return filepath.SkipDir
		}
		p, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files
		}
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = slices.Concat(p.Imports, p.TestImports, p.XTestImports)
		return nil
	})
	if len(out) < 10 {
		t.Fatalf("found %d packages", len(out))
	}
	return out
}

// within reports whether package path (in the module) is dir or under it.
func within(path, dir string) bool { return path == dir || strings.HasPrefix(path, dir+"/") }

// TestImportLayers keeps the layers: the model imports neither the
// renderings nor the command line; plots draws numbers and imports
// nothing of the model; numfmt, which every layer prints with, imports
// nothing of costdial; the account layer (report) does not import the
// command line.
func TestImportLayers(t *testing.T) {
	for pkg, imports := range packages(t) {
		for _, imp := range imports {
			in, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			var bad string
			switch {
			case within(pkg, "model") && (within(in, "report") || within(in, "plots") || within(in, "cmd")):
				bad = "the model imports no rendering and no command"
			case within(pkg, "plots") && (within(in, "model") || within(in, "report") || within(in, "cmd")):
				bad = "plots draws numbers it is given and imports nothing of the model"
			case pkg == "internal/numfmt":
				bad = "numfmt imports nothing of costdial, so that every package can print with it"
			case within(pkg, "report") && within(in, "cmd"):
				bad = "the account layer does not import the command line"
			case !within(pkg, "cmd") && within(in, "cmd"):
				bad = "nothing imports the command line"
			}
			if bad != "" {
				t.Errorf("%s imports %s: %s", pkg, in, bad)
			}
		}
	}
}

// renderers are the files of package report that lay accounts out.
var renderers = []string{"text.go", "markdown.go", "html.go", "csv.go", "json.go"}

// TestRenderersOnlyLayOut keeps the renderers to layout: they import
// nothing that computes or formats a figure (no model package, no
// numfmt, no strconv or math), so that every figure and sentence they
// print is one an account decided. They escape text for where it lands
// (internal/escape), which is layout: it decides nothing.
func TestRenderersOnlyLayOut(t *testing.T) {
	allowed := []string{"fmt", "io", "strings", "text/tabwriter", "html/template", "encoding/csv", "encoding/json",
		"github.com/costdial/costdial/internal/escape"}
	for _, name := range renderers {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, "report", name), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !slices.Contains(allowed, path) {
				t.Errorf("report/%s imports %s: a renderer lays an account out and imports only %v", name, path, allowed)
			}
		}
	}
}

// source is one non-test Go file of the module: its path in the module
// and its text.
type source struct{ path, text string }

func sources(t *testing.T) []source {
	t.Helper()
	var out []source
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		out = append(out, source{filepath.ToSlash(rel), string(b)})
		return nil
	})
	return out
}

// TestOneHomePerRule finds the marks of each rule issue 18 found written
// in two or three places outside its one home: thousands grouping, a year
// of any length but 365 days, the word for an unbounded figure, the "1 in
// N" rule, the kinds of storage of the catalog's tiers, and the switches
// of the active design.
func TestOneHomePerRule(t *testing.T) {
	for _, rule := range []struct {
		what  string
		mark  *regexp.Regexp
		homes []string // files (or folders, ending in "/") where the mark may be
	}{
		{"thousands grouping", regexp.MustCompile(`%\s*3\s*==\s*0`), []string{"internal/numfmt/"}},
		{"a year that is not 365 days", regexp.MustCompile(`8766|8765\.8|365\.25`), nil},
		{"another word for an unbounded figure", regexp.MustCompile(`"forever"`), nil},
		{"the \"1 in N\" rule", regexp.MustCompile(`"1 in `), []string{"internal/numfmt/"}},
		{"a tier's kind of storage by its name", regexp.MustCompile(`"(local-disk|home-nas|lto-tape|onprem-tape-library)"`), []string{"model/catalog/tiers.go"}},
		{"the switches of the active design", regexp.MustCompile(`\.Enabled\b`), []string{"model/scenario/active.go", "model/scenario/validate.go"}},
	} {
		for _, s := range sources(t) {
			home := slices.ContainsFunc(rule.homes, func(h string) bool { return h == s.path || strings.HasSuffix(h, "/") && strings.HasPrefix(s.path, h) })
			if rule.mark.MatchString(s.text) && !home {
				t.Errorf("%s: %s (%q) outside its home %v", s.path, rule.what, rule.mark.FindString(s.text), rule.homes)
			}
		}
	}
}

// TestPriceOfRiskOnce finds every product of an amount of the service's
// penalties (downtime_cost, data_loss_cost, total_loss_cost) with a
// quantity: the price of risk, which cost.Price alone computes.
func TestPriceOfRiskOnce(t *testing.T) {
	penalty := regexp.MustCompile(`\b(DowntimeCost|DataLossCost|TotalLossCost)\.Amount$`)
	for _, s := range sources(t) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, s.path, s.text, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			b, ok := n.(*ast.BinaryExpr)
			if !ok || b.Op != token.MUL {
				return true
			}
			for _, side := range []ast.Expr{b.X, b.Y} {
				if penalty.MatchString(exprText(side)) && s.path != "model/cost/cost.go" {
					t.Errorf("%s: %s prices risk outside cost.Price", fset.Position(b.Pos()), exprText(b))
				}
			}
			return true
		})
	}
}

// exprText prints a selector chain such as sv.DowntimeCost.Amount, and a
// product of them.
func exprText(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprText(x.X) + "." + x.Sel.Name
	case *ast.BinaryExpr:
		return exprText(x.X) + " " + x.Op.String() + " " + exprText(x.Y)
	case *ast.ParenExpr:
		return "(" + exprText(x.X) + ")"
	}
	return "…"
}
