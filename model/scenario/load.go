package scenario

import (
	"fmt"
	"os"

	"github.com/costdial/costdial/model/units"
)

// Load runs the whole pipeline on a scenario's bytes: decode, apply each
// PATH=VALUE override, fill presets and defaults, validate. The result is
// ready for the engine, or the error is an ErrorList of every problem.
// The work it may ask for is bounded by DefaultLimits.
func Load(file string, data []byte, sets []string) (*Scenario, error) {
	return LoadLimited(file, data, sets, DefaultLimits)
}

// LoadLimited is Load with the given limits on the work the scenario may
// ask for (zero fields take the defaults).
func LoadLimited(file string, data []byte, sets []string, lim Limits) (*Scenario, error) {
	return LoadDesign(file, data, sets, nil, lim)
}

// Override sets one field after the --set flags; From is what an error
// about it blames, e.g. "--dial" (a problem with the value names the
// field and value too: "--dial backups.nightly.every=0s").
type Override struct {
	Path, Value, From string
}

// LoadDesign is LoadLimited with further overrides, such as the dial
// values of one design of a sweep, each blamed on where it came from.
func LoadDesign(file string, data []byte, sets []string, more []Override, lim Limits) (*Scenario, error) {
	if max := lim.orDefault().FileBytes; int64(len(data)) > max {
		return nil, ErrorList{{File: file, Msg: fmt.Sprintf("larger than %s: a scenario is a short text file (raise the limit with --max-file-size if this one is real)", units.Size(max).Human())}}
	}
	s, err := Parse(file, data)
	if s == nil {
		return nil, err
	}
	s.limits = lim.orDefault()
	list := append(ErrorList(nil), s.decodeErrs...)
	for _, arg := range sets {
		path, value, err := ParseSet(arg)
		if err == nil {
			err = s.Set(path, value)
		}
		if err != nil {
			list = append(list, &Error{File: file, Msg: fmt.Sprintf("--set: %v", err)})
		}
	}
	s.design = len(more) > 0
	for _, o := range more {
		if err := s.Set(o.Path, o.Value); err != nil {
			list = append(list, &Error{File: file, Msg: fmt.Sprintf("%s: %v", o.From, err)})
			continue
		}
		s.where[o.Path] = origin{flag: o.From + " " + o.Path + "=" + o.Value}
	}
	s.Resolve()
	if err := s.Validate(); err != nil {
		// a field that did not decode is reported once, by the decoder
		bad := map[string]bool{}
		for _, e := range s.decodeErrs {
			bad[e.Path] = true
		}
		for _, e := range err.(ErrorList) {
			if !bad[e.Path] {
				list = append(list, e)
			}
		}
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// LoadFile reads and loads a scenario file within DefaultLimits.
func LoadFile(path string, sets []string) (*Scenario, error) {
	return LoadFileLimited(path, sets, DefaultLimits)
}

// LoadFileLimited reads and loads a scenario file within lim.
func LoadFileLimited(path string, sets []string, lim Limits) (*Scenario, error) {
	data, err := ReadFileLimited(path, lim.FileBytes)
	if err != nil {
		return nil, err
	}
	return LoadLimited(path, data, sets, lim)
}

// ReadFile reads a scenario file of at most DefaultLimits.FileBytes,
// reporting failure as an ErrorList.
func ReadFile(path string) ([]byte, error) {
	return ReadFileLimited(path, 0)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
