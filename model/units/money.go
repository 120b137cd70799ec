package units

import (
	"strings"
)

// Per is what an amount of money is charged per.
type Per int

// The units money can be charged per. Each is normalized when parsed:
// /day becomes /h, /y becomes /month, GB and TB become GiB.
const (
	Once        Per = iota // a lump sum: "$250000"
	PerHour                // "$400/h"
	PerMonth               // "$12/month"
	PerGiB                 // "$0.09/GiB"
	PerGiBMonth            // "$0.023/GiB-month"
)

func (p Per) String() string {
	return [...]string{"", "/h", "/month", "/GiB", "/GiB-month"}[p]
}

// Money is an amount in the scenario's currency, charged per some unit.
type Money struct {
	Amount   float64
	Per      Per
	Currency string // "$", "€", "£" or "" when none was written
}

var currencies = []string{"$", "€", "£"}

// ParseMoney parses "$400/h", "$0.023/GiB-month", "$0.09/GiB", "$12/month",
// "$250000", "0.02/GB" and the like. The currency symbol is optional.
func ParseMoney(s string) (Money, error) {
	in := strings.TrimSpace(s)
	var m Money
	for _, c := range currencies {
		if strings.HasPrefix(in, c) {
			m.Currency = c
			in = strings.TrimSpace(in[len(c):])
			break
		}
	}
	num, per, hasPer := strings.Cut(in, "/")
	v, rest, ok := splitNumber(strings.TrimSpace(num))
	if !ok || strings.TrimSpace(rest) != "" {
		return Money{}, errSyntax("amount of money", s, "expected e.g. $400/h, $0.023/GiB-month, $0.09/GiB, $12/month or $250000")
	}
	if v < 0 {
		return Money{}, errSyntax("amount of money", s, "negative")
	}
	m.Amount = v
	if !hasPer {
		m.Per = Once
		return m, nil
	}
	per = strings.TrimSpace(per)
	// per size per time: "GiB-month", "GB-month", "TB-month"
	if sz, tm, ok := strings.Cut(per, "-"); ok {
		u, okSize := sizeUnits[sz]
		if !okSize || (tm != "month" && tm != "mo") {
			return Money{}, errSyntax("amount of money", s, "expected a storage price such as $0.023/GiB-month")
		}
		m.Amount = v * float64(GiB/u)
		m.Per = PerGiBMonth
		return checked(m, s)
	}
	if u, ok := sizeUnits[per]; ok {
		m.Amount = v * float64(GiB/u)
		m.Per = PerGiB
		return checked(m, s)
	}
	switch per {
	case "h", "hour", "hr":
		m.Per = PerHour
	case "d", "day":
		m.Amount, m.Per = v/24, PerHour
	case "month", "mo":
		m.Per = PerMonth
	case "y", "year":
		m.Amount, m.Per = v/12, PerMonth
	default:
		return Money{}, errSyntax("amount of money", s, "unknown unit \"/"+per+"\" (/h, /day, /month, /y, /GiB, /GiB-month)")
	}
	return m, nil
}

// checked refuses an amount that its unit carried beyond a float64.
func checked(m Money, s string) (Money, error) {
	if !finite(m.Amount) {
		return Money{}, errSyntax("amount of money", s, tooLarge)
	}
	return m, nil
}

// String prints the money in its normalized unit, e.g. "$0.023/GiB-month".
func (m Money) String() string { return m.Currency + formatFloat(m.Amount) + m.Per.String() }

// Set parses text into m.
func (m *Money) Set(text string) error {
	v, err := ParseMoney(text)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Type names the value for flag help.
func (m *Money) Type() string { return "money" }

// MarshalText prints the money as String does.
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }
