package telnyx_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// TestNilAndZeroClientsFailClearly: a nil *Client and a zero Client{}
// return the same error from every entry point, and never panic.
func TestNilAndZeroClientsFailClearly(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]*telnyx.Client{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			r := telnyx.Request{Method: http.MethodGet, Path: "/media"}
			var errs []error
			_, doErr := c.Do(ctx, r, nil)
			errs = append(errs, doErr)
			resp, err := c.Stream(ctx, r)
			if resp != nil {
				_ = resp.Body.Close()
			}
			errs = append(errs, err)
			_, err = telnyx.Call[map[string]any](ctx, c, r)
			errs = append(errs, err)
			_, err = telnyx.ListPage[map[string]any](ctx, c, r)
			errs = append(errs, err)
			for _, err := range telnyx.ListAll[map[string]any](ctx, c, r) {
				errs = append(errs, err)
			}
			errs = append(errs, c.Get(ctx, "/media", nil, nil), c.Post(ctx, "/media", map[string]int{}, nil), c.Delete(ctx, "/media/x", nil))
			_, err = siprec.New(c).Get(ctx, "x")
			errs = append(errs, err)
			require.Len(t, errs, 9)
			for i, err := range errs {
				require.Error(t, err, "entry point %d", i)
				assert.Equal(t, "telnyx: nil or zero-value Client: build one with telnyx.NewClient", err.Error(), "entry point %d", i)
			}
			assert.NotPanics(t, func() { _ = c.BaseURL(); _ = c.String() })
		})
	}
}
