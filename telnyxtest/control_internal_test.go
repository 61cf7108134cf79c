package telnyxtest

import (
	"slices"
	"testing"
)

// The control index and the control handlers list the same endpoints: one
// served but not listed, or listed but not served, fails here.
func TestControlIndexListsEveryHandler(t *testing.T) {
	t.Parallel()
	var listed []string
	for _, e := range controlEndpoints {
		listed = append(listed, e.Method+" "+e.Path)
	}
	var served []string
	for path, methods := range controlHandlers {
		for m := range methods {
			served = append(served, m+" "+ControlPrefix+path)
		}
	}
	slices.Sort(listed)
	slices.Sort(served)
	if !slices.Equal(listed, served) {
		t.Errorf("listed %v, served %v", listed, served)
	}
	if len(slices.Compact(slices.Clone(listed))) != len(controlEndpoints) {
		t.Errorf("an endpoint is listed twice: %v", listed)
	}
}
