package suggest

import (
	"reflect"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"every", "every", 0},
		{"evry", "every", 1},     // a deletion
		{"evrey", "every", 1},    // a swap of neighbours
		{"bukcet", "bucket", 1},  // a swap
		{"bukket", "bucket", 1},  // a substitution
		{"kitten", "sitting", 3}, // the textbook case
		{"ca", "abc", 3},         // OSA, not Damerau: no edit of a swapped pair
		{"s3-standrd", "s3-standard", 1},
		{"héllo", "hello", 1}, // runes, not bytes
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	stores := []string{"live", "bucket", "nas"}
	for _, tc := range []struct {
		typed string
		names []string
		want  []string
	}{
		{"bukcet", stores, []string{"bucket"}},
		{"Bucket", stores, []string{"bucket"}}, // case ignored
		{"nsa", stores, []string{"nas"}},
		{"bucket", stores, nil},                                     // an exact name needs no suggestion
		{"archive", stores, nil},                                    // nothing close
		{"lve", []string{"live", "love"}, []string{"live", "love"}}, // a tie: both
		{"s3-glacier-deep-archiv", []string{"s3-standard", "s3-glacier-deep-archive", "s3-glacier-deep-archive-bulk"}, []string{"s3-glacier-deep-archive"}},
		// a long word may be further off: a third of its length
		{"restoretst", []string{"restore_test", "retention"}, []string{"restore_test"}},
		{"x", []string{"y", "abc"}, []string{"y"}},
	} {
		if got := Nearest(tc.typed, tc.names); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Nearest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	if got := DidYouMean("trails", []string{"trials", "years"}, func(s string) string { return "--" + s }); got != ": did you mean --trials?" {
		t.Errorf("got %q", got)
	}
	if got := DidYouMean("lve", []string{"live", "love"}, nil); got != ": did you mean live or love?" {
		t.Errorf("got %q", got)
	}
	if got := DidYouMean("zzzzzz", []string{"live"}, nil); got != "" {
		t.Errorf("got %q for a name nothing resembles", got)
	}
}
