package externalconnections_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

func TestPhoneNumberUpdateWithoutFieldsSendsAnEmptyObject(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":`+phoneNumberObject+`}`)
	_, err := s.PhoneNumbers.Update(t.Context(), connID, "1269460000000000000", ec.PhoneNumberUpdateParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(rec.Last(t).Body))
}

func TestPhoneNumberValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	ctx := t.Context()
	upd := ec.PhoneNumberUpdateParams{}
	cases := []struct {
		field string
		call  func() error
	}{
		{"page[size]", func() error {
			_, err := s.PhoneNumbers.List(ctx, connID, ec.PhoneNumberListParams{Page: telnyx.PageParams{Size: 300}})
			return err
		}},
		{"id", func() error { _, err := s.PhoneNumbers.List(ctx, "", ec.PhoneNumberListParams{}); return err }},
		{"id", func() error { _, err := s.PhoneNumbers.Get(ctx, "..", "n"); return err }},
		{"phone_number_id", func() error { _, err := s.PhoneNumbers.Get(ctx, connID, ""); return err }},
		{"id", func() error { _, err := s.PhoneNumbers.Update(ctx, "x", "n", upd); return err }},
		{"phone_number_id", func() error { _, err := s.PhoneNumbers.Update(ctx, connID, "..", upd); return err }},
		{"location_id", func() error {
			_, err := s.PhoneNumbers.Update(ctx, connID, "n", ec.PhoneNumberUpdateParams{LocationID: telnyx.String("")})
			return err
		}},
		{"location_id", func() error {
			_, err := s.PhoneNumbers.Update(ctx, connID, "n", ec.PhoneNumberUpdateParams{LocationID: telnyx.String("14th-floor")})
			return err
		}},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
