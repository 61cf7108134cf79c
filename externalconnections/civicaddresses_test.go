package externalconnections_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

func TestCivicAddressesListWithoutFilter(t *testing.T) {
	t.Parallel()
	for _, params := range []ec.CivicAddressListParams{{}, {Filter: &ec.CivicAddressListFilter{}}} {
		s, rec := setup(t)
		rec.Answer(http.StatusOK, `{"data":[]}`)
		got, err := s.CivicAddresses.List(t.Context(), connID, params)
		require.NoError(t, err)
		assert.Empty(t, rec.Last(t).Query)
		assert.Empty(t, got)
	}
}

func TestCivicAddressValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	ctx := t.Context()
	countries := func(v ...string) func() error {
		return func() error {
			_, err := s.CivicAddresses.List(ctx, connID, ec.CivicAddressListParams{Filter: &ec.CivicAddressListFilter{Country: v}})
			return err
		}
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"filter[country]", countries("US", "")},
		{"filter[country]", countries("USA")},
		{"id", func() error { _, err := s.CivicAddresses.List(ctx, "", ec.CivicAddressListParams{}); return err }},
		{"id", func() error { _, err := s.CivicAddresses.Get(ctx, "..", addressID); return err }},
		{"address_id", func() error { _, err := s.CivicAddresses.Get(ctx, connID, ""); return err }},
		{"address_id", func() error { _, err := s.CivicAddresses.Get(ctx, connID, "austin"); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
