package scenario

import (
	"fmt"
	"os"
)

// Load runs the whole pipeline on a scenario's bytes: decode, apply each
// PATH=VALUE override, fill presets and defaults, validate. The result is
// ready for the engine, or the error is an ErrorList of every problem.
func Load(file string, data []byte, sets []string) (*Scenario, error) {
	s, err := Parse(file, data)
	if s == nil {
		return nil, err
	}
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

// LoadFile reads and loads a scenario file.
func LoadFile(path string, sets []string) (*Scenario, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, data, sets)
}

// ReadFile reads a scenario file, reporting failure as an ErrorList.
func ReadFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ErrorList{{File: path, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	return data, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
