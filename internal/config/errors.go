package config

// OptionError is an option's refusal of its arguments. The root package
// reports it as a *telnyx.ValidationError naming the option, where the
// option is given: NewClient for a client's options, the call for a call's.
type OptionError struct {
	Option string // such as "WithHeader"
	Reason string
}

// Error names the option and the reason.
func (e *OptionError) Error() string { return "telnyx: option." + e.Option + ": " + e.Reason }

// Invalid returns the refusal of option for reason.
func Invalid(option, reason string) error { return &OptionError{Option: option, Reason: reason} }
