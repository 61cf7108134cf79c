package externalconnections_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

const civicAddressObject = `{"id":"07a4dc5d-9b3b-4ba2-88a4-6ba172316c65","record_type":"civic_address","city_or_town":"Austin",` +
	`"city_or_town_alias":"ATX","company_name":"Telnyx","country":"US","country_or_district":"Travis",` +
	`"default_location_id":"18ded4bb-b694-44c1-a89b-a35b7acd4c9e","description":"Austin Office","house_number":"600",` +
	`"house_number_suffix":"A","postal_or_zip_code":"78701","state_or_province":"TX","street_name":"Congress",` +
	`"street_suffix":"Ave","locations":[{"id":"18ded4bb-b694-44c1-a89b-a35b7acd4c9e","additional_info":"",` +
	`"description":"Lobby","is_default":true},{"id":"d420a57f-c4ae-4697-87e1-fbefd9e86f72",` +
	`"additional_info":"14th Floor","description":"","is_default":false}]}`

var wantCivicAddress = externalconnections.CivicAddress{
	ID: "07a4dc5d-9b3b-4ba2-88a4-6ba172316c65", RecordType: "civic_address", CityOrTown: "Austin",
	CityOrTownAlias: "ATX", CompanyName: "Telnyx", Country: "US", CountryOrDistrict: "Travis",
	DefaultLocationID: "18ded4bb-b694-44c1-a89b-a35b7acd4c9e", Description: "Austin Office", HouseNumber: "600",
	HouseNumberSuffix: "A", PostalOrZipCode: "78701", StateOrProvince: "TX", StreetName: "Congress", StreetSuffix: "Ave",
	Locations: []externalconnections.Location{
		{ID: "18ded4bb-b694-44c1-a89b-a35b7acd4c9e", Description: "Lobby", IsDefault: true},
		{ID: "d420a57f-c4ae-4697-87e1-fbefd9e86f72", AdditionalInfo: "14th Floor"},
	},
}

func TestCivicAddressesListSendsCountriesAsOneValue(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/"+escapedTricky+"/civic_addresses", http.StatusOK,
		`{"data":[`+civicAddressObject+`]}`)
	got, err := externalconnections.NewService(c).CivicAddresses.List(context.Background(), tricky,
		externalconnections.CivicAddressListParams{Filter: &externalconnections.CivicAddressFilter{Country: []string{"US", "CA"}}})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2/external_connections/"+escapedTricky+"/civic_addresses", (*seen)[0].Path)
	assert.Equal(t, map[string][]string{"filter[country][]": {"US", "CA"}}, (*seen)[0].Query)
	assert.Equal(t, []externalconnections.CivicAddress{wantCivicAddress}, got)
}

func TestCivicAddressesListWithoutFilter(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/1/civic_addresses", http.StatusOK, `{"data":[]}`)
	got, err := externalconnections.NewCivicAddressService(c).List(context.Background(), "1",
		externalconnections.CivicAddressListParams{Filter: &externalconnections.CivicAddressFilter{}})
	require.NoError(t, err)
	assert.Empty(t, (*seen)[0].Query)
	assert.Empty(t, got)
}

func TestCivicAddressGetEscapesBothIDs(t *testing.T) {
	c, mock := testutil.NewClient(t)
	escaped := "/external_connections/" + escapedTricky + "/civic_addresses/" + escapedTricky
	seen := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, `{"data":`+civicAddressObject+`}`)
	got, err := externalconnections.NewCivicAddressService(c).Get(context.Background(), tricky, tricky)
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2"+escaped, (*seen)[0].Path)
	assert.Equal(t, &wantCivicAddress, got)
}

func TestCivicAddressNotFound(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/external_connections/1/civic_addresses/x", http.StatusNotFound,
		`{"errors":[{"code":"10005","title":"Resource not found"}]}`)
	_, err := externalconnections.NewCivicAddressService(c).Get(context.Background(), "1", "x")
	require.ErrorIs(t, err, core.ErrNotFound)
}

func TestCivicAddressValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewCivicAddressService(c)
	ctx := context.Background()
	countries := func(v ...string) func() error {
		return func() error {
			_, err := svc.List(ctx, "1", externalconnections.CivicAddressListParams{
				Filter: &externalconnections.CivicAddressFilter{Country: v}})
			return err
		}
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"filter[country]", countries("US", "")},
		{"filter[country]", countries("USA")},
		{"id", func() error { _, err := svc.List(ctx, "", externalconnections.CivicAddressListParams{}); return err }},
		{"id", func() error { _, err := svc.Get(ctx, "..", "a"); return err }},
		{"address_id", func() error { _, err := svc.Get(ctx, "1", ""); return err }},
		{"address_id", func() error { _, err := svc.Get(ctx, "1", "."); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}
