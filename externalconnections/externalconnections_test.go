package externalconnections_test

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

// IDs in the formats the API declares: numeric connection ids, UUIDs for
// the Teams resources.
const (
	connID     = "1293384261075731499"
	teamsConn  = "d4c2ad2f-1b3f-4c8c-9a4e-6d1c6f0e8f11"
	locationID = "18ded4bb-b694-44c1-a89b-a35b7acd4c9e"
	addressID  = "07a4dc5d-9b3b-4ba2-88a4-6ba172316c65"
	ticketID   = "542c3bca-d247-42bc-8fe7-e01d16ecd761"
	emergency  = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
)

func setup(t *testing.T) (*ec.Service, *testutil.Recorder) {
	t.Helper()
	c, rec := testutil.NewClient(t)
	return ec.New(c), rec
}

func svc(c *telnyx.Client) *ec.Service { return ec.New(c) }

// data turns a page into its items, which compare without the page's
// internal state.
func data[T any](p *telnyx.Page[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return p.Data, nil
}

// collect walks a list to its end.
func collect[T any](seq iter.Seq2[T, error]) (any, error) {
	return telnyx.Collect(seq, 0)
}

// onParam copies a case to check hostile values in another path
// parameter.
func onParam(tc testutil.Case, n int, name string, hostile func(ctx context.Context, c *telnyx.Client, v string) error) testutil.Case {
	tc.Name += "(" + name + ")"
	tc.HostileParam, tc.Hostile = n, hostile
	return tc
}

func page(key, items string) string {
	return `{"` + key + `":[` + items + `],"meta":{"page_number":1,"page_size":1,"total_pages":1,"total_results":1}}`
}

const connectionObject = `{"id":"` + connID + `","record_type":"external_connection","connection_name":"zoom-main",` +
	`"active":true,"credential_active":true,"external_sip_connection":"zoom",` +
	`"webhook_event_url":"https://example.com/hooks","webhook_event_failover_url":"https://failover.example.com/hooks",` +
	`"webhook_api_version":"2","webhook_timeout_secs":25,"inbound":{"channel_limit":10},` +
	`"outbound":{"channel_limit":5,"outbound_voice_profile_id":"1911630617284445511"},` +
	`"created_at":"2022-01-01T00:00:00Z","updated_at":"2022-01-02T03:04:05.678Z","tags":["tag1","tag2"]}`

var wantConnection = &ec.Connection{
	ID: connID, RecordType: "external_connection", ConnectionName: "zoom-main",
	Active: true, CredentialActive: true, ExternalSIPConnection: ec.ExternalSIPConnectionZoom,
	WebhookEventURL: "https://example.com/hooks", WebhookEventFailoverURL: telnyx.NewNullable("https://failover.example.com/hooks"),
	WebhookAPIVersion: ec.WebhookAPIVersion2, WebhookTimeoutSecs: telnyx.NewNullable(25),
	Inbound:   ec.Inbound{ChannelLimit: telnyx.Int(10)},
	Outbound:  ec.Outbound{ChannelLimit: telnyx.Int(5), OutboundVoiceProfileID: "1911630617284445511"},
	CreatedAt: telnyx.Date(2022, 1, 1),
	UpdatedAt: telnyx.NewTimestamp(time.Date(2022, 1, 2, 3, 4, 5, 678e6, time.UTC)),
	Tags:      []string{"tag1", "tag2"},
}

const logMessageObject = `{"code":"10015","title":"Invalid location","detail":"The location is unknown",` +
	`"source":{"pointer":"/location_id"},"meta":{"telephone_number":"+13128675309",` +
	`"external_connection_id":"` + connID + `","ticket_id":"` + ticketID + `"}}`

var wantLogMessage = ec.LogMessage{
	Code: "10015", Title: "Invalid location", Detail: "The location is unknown",
	Source: ec.LogMessageSource{Pointer: "/location_id"},
	Meta:   ec.LogMessageMeta{TelephoneNumber: "+13128675309", ExternalConnectionID: connID, TicketID: ticketID},
}

const civicAddressObject = `{"id":"` + addressID + `","record_type":"civic_address","city_or_town":"Austin",` +
	`"city_or_town_alias":"ATX","company_name":"Telnyx","country":"US","country_or_district":"Travis",` +
	`"default_location_id":"` + locationID + `","description":"Austin Office","house_number":"600",` +
	`"house_number_suffix":"A","postal_or_zip_code":"78701","state_or_province":"TX","street_name":"Congress",` +
	`"street_suffix":"Ave","locations":[{"id":"` + locationID + `","additional_info":"",` +
	`"description":"Lobby","is_default":true},{"id":"d420a57f-c4ae-4697-87e1-fbefd9e86f72",` +
	`"additional_info":"14th Floor","description":"","is_default":false}]}`

var wantCivicAddress = ec.CivicAddress{
	ID: addressID, RecordType: "civic_address", CityOrTown: "Austin",
	CityOrTownAlias: "ATX", CompanyName: "Telnyx", Country: "US", CountryOrDistrict: "Travis",
	DefaultLocationID: locationID, Description: "Austin Office", HouseNumber: "600",
	HouseNumberSuffix: "A", PostalOrZipCode: "78701", StateOrProvince: "TX", StreetName: "Congress", StreetSuffix: "Ave",
	Locations: []ec.Location{
		{ID: locationID, Description: "Lobby", IsDefault: true},
		{ID: "d420a57f-c4ae-4697-87e1-fbefd9e86f72", AdditionalInfo: "14th Floor"},
	},
}

const phoneNumberObject = `{"ticket_id":"` + ticketID + `","telephone_number":"+13128675309",` +
	`"number_id":"1269460000000000000","civic_address_id":"` + addressID + `",` +
	`"location_id":"` + locationID + `","displayed_country_code":"US",` +
	`"acquired_capabilities":["InboundCalling","OutboundCalling","SomethingNew"]}`

var wantPhoneNumber = ec.PhoneNumber{
	TicketID: ticketID, TelephoneNumber: "+13128675309", NumberID: "1269460000000000000",
	CivicAddressID: addressID, LocationID: locationID, DisplayedCountryCode: "US",
	AcquiredCapabilities: []ec.Capability{ec.CapabilityInboundCalling, ec.CapabilityOutboundCalling, "SomethingNew"},
}

const releaseObject = `{"ticket_id":"` + ticketID + `","tenant_id":"ea175aba-f47c-4702-9400-efaa42688048",` +
	`"status":"failed","error_message":"Tenant gone","telephone_numbers":[{"phone_number":"+13128675309",` +
	`"number_id":"1269460000000000000"}],"created_at":"2022-01-01T12:30:00.5+02:00"}`

var wantRelease = ec.Release{
	TicketID: ticketID, TenantID: "ea175aba-f47c-4702-9400-efaa42688048",
	Status: ec.ReleaseStatusFailed, ErrorMessage: "Tenant gone",
	TelephoneNumbers: []ec.ReleasedNumber{{PhoneNumber: "+13128675309", NumberID: "1269460000000000000"}},
	CreatedAt:        telnyx.NewTimestamp(time.Date(2022, 1, 1, 12, 30, 0, 5e8, time.FixedZone("", 2*3600))),
}

const uploadObject = `{"ticket_id":"` + ticketID + `","tenant_id":"ea175aba-f47c-4702-9400-efaa42688048",` +
	`"location_id":"` + locationID + `","status":"partial_success",` +
	`"available_usages":["calling_user_assignment","first_party_app_assignment"],"error_code":"E1","error_message":"Some failed",` +
	`"tn_upload_entries":[{"number_id":"3a1b7a9e-6c1d-4a3b-9a1e-0c2d3e4f5a6b","phone_number":"+13128675309","status":"error",` +
	`"error_code":"unknown_country_code","error_message":"Unknown country","civic_address_id":"` + addressID + `",` +
	`"location_id":"` + locationID + `","internal_status":"release_requested"}]}`

var wantUpload = ec.Upload{
	TicketID: ticketID, TenantID: "ea175aba-f47c-4702-9400-efaa42688048",
	LocationID: locationID, Status: ec.UploadStatusPartialSuccess,
	AvailableUsages: []ec.Usage{ec.UsageCallingUserAssignment, ec.UsageFirstPartyAppAssignment},
	ErrorCode:       "E1", ErrorMessage: "Some failed",
	Entries: []ec.UploadEntry{{
		NumberID: "3a1b7a9e-6c1d-4a3b-9a1e-0c2d3e4f5a6b", PhoneNumber: "+13128675309", Status: ec.UploadStatusError,
		ErrorCode: ec.EntryErrorCodeUnknownCountryCode, ErrorMessage: "Unknown country",
		CivicAddressID: addressID, LocationID: locationID, InternalStatus: ec.InternalStatusReleaseRequested,
	}},
}

var (
	createParams = ec.CreateParams{
		ExternalSIPConnection:   ec.ExternalSIPConnectionZoom,
		Outbound:                ec.OutboundParams{OutboundVoiceProfileID: "1911630617284445511", ChannelLimit: telnyx.Int(5)},
		Inbound:                 &ec.CreateInboundParams{OutboundVoiceProfileID: "1911630617284445511", ChannelLimit: telnyx.Int(0)},
		Active:                  telnyx.Bool(false),
		Tags:                    []string{"tag1", "tag2"},
		WebhookEventURL:         telnyx.String("https://example.com/hooks"),
		WebhookEventFailoverURL: telnyx.NewNullable("https://failover.example.com/hooks"),
		WebhookTimeoutSecs:      telnyx.NewNullable(0),
	}
	createJSON = `{"external_sip_connection":"zoom",
		"outbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":5},
		"inbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":0},
		"active":false,"tags":["tag1","tag2"],"webhook_event_url":"https://example.com/hooks",
		"webhook_event_failover_url":"https://failover.example.com/hooks","webhook_timeout_secs":0}`

	updateParams = ec.UpdateParams{Outbound: ec.OutboundParams{OutboundVoiceProfileID: "42"}, WebhookTimeoutSecs: telnyx.Null[int]()}
	updateJSON   = `{"outbound":{"outbound_voice_profile_id":"42"},"webhook_timeout_secs":null}`

	listParams = ec.ListParams{
		Filter: &ec.ListFilter{
			ConnectionName:        &ec.ContainsFilter{Contains: "zoo"},
			ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect,
			ID:                    connID,
			CreatedAt:             telnyx.Date(2022, 1, 1),
			PhoneNumber:           &ec.ContainsFilter{Contains: "+13128675309"},
		},
		Page: telnyx.PageParams{Number: 2, Size: 1},
	}
	listQuery = url.Values{
		"filter[connection_name][contains]": {"zoo"},
		"filter[external_sip_connection]":   {"operator_connect"},
		"filter[id]":                        {connID},
		"filter[created_at]":                {"2022-01-01"},
		"filter[phone_number][contains]":    {"+13128675309"},
		"page[number]":                      {"2"},
		"page[size]":                        {"1"},
	}

	locationParams = ec.LocationUpdateParams{StaticEmergencyAddressID: emergency}

	logParams = ec.LogMessageListParams{
		Filter: &ec.LogMessageListFilter{
			ExternalConnectionID: "null",
			TelephoneNumber:      &ec.PhoneNumberMatch{Eq: "+13128675309", Contains: "+1312"},
		},
		Page: telnyx.PageParams{Size: 2},
	}
	logQuery = url.Values{
		"filter[external_connection_id]":     {"null"},
		"filter[telephone_number][eq]":       {"+13128675309"},
		"filter[telephone_number][contains]": {"+1312"},
		"page[size]":                         {"2"},
	}

	civicParams = ec.CivicAddressListParams{Filter: &ec.CivicAddressListFilter{Country: []string{"US", "CA"}}}
	civicQuery  = url.Values{"filter[country][]": {"US", "CA"}}

	numberParams = ec.PhoneNumberListParams{
		Filter: &ec.PhoneNumberListFilter{
			PhoneNumber:    &ec.PhoneNumberMatch{Eq: "+13128675309", Contains: "867"},
			CivicAddressID: &ec.EqFilter{Eq: addressID},
			LocationID:     &ec.EqFilter{Eq: locationID},
		},
		Page: telnyx.PageParams{Size: 25},
	}
	numberQuery = url.Values{
		"filter[phone_number][eq]":       {"+13128675309"},
		"filter[phone_number][contains]": {"867"},
		"filter[civic_address_id][eq]":   {addressID},
		"filter[location_id][eq]":        {locationID},
		"page[size]":                     {"25"},
	}
	numberUpdate = ec.PhoneNumberUpdateParams{LocationID: telnyx.String(locationID)}

	releaseParams = ec.ReleaseListParams{
		Filter: &ec.ReleaseListFilter{
			Status:         &ec.ReleaseStatusFilter{Eq: []ec.ReleaseStatus{ec.ReleaseStatusPending, ec.ReleaseStatusInProgress}},
			CivicAddressID: &ec.EqFilter{Eq: addressID},
			LocationID:     &ec.EqFilter{Eq: locationID},
			PhoneNumber:    &ec.PhoneNumberMatch{Eq: "+13128675309", Contains: "+1312"},
		},
		Page: telnyx.PageParams{Number: 3, Size: 10},
	}
	releaseQuery = url.Values{
		"filter[status][eq][]":           {"pending", "in_progress"},
		"filter[civic_address_id][eq]":   {addressID},
		"filter[location_id][eq]":        {locationID},
		"filter[phone_number][eq]":       {"+13128675309"},
		"filter[phone_number][contains]": {"+1312"},
		"page[number]":                   {"3"},
		"page[size]":                     {"10"},
	}

	uploadParams = ec.UploadListParams{
		Filter: &ec.UploadListFilter{
			Status:         &ec.UploadStatusFilter{Eq: []ec.UploadStatus{ec.UploadStatusPendingUpload, ec.UploadStatusPending}},
			CivicAddressID: &ec.EqFilter{Eq: addressID},
			LocationID:     &ec.EqFilter{Eq: locationID},
			PhoneNumber:    &ec.PhoneNumberMatch{Eq: "+19705555098", Contains: "+1970"},
		},
		Page: telnyx.PageParams{Size: 1},
	}
	uploadQuery = url.Values{
		"filter[status][eq][]":           {"pending_upload", "pending"},
		"filter[civic_address_id][eq]":   {addressID},
		"filter[location_id][eq]":        {locationID},
		"filter[phone_number][eq]":       {"+19705555098"},
		"filter[phone_number][contains]": {"+1970"},
		"page[size]":                     {"1"},
	}
	uploadCreate = ec.UploadCreateParams{
		NumberIDs:        []string{"n1", "n2"},
		Usage:            ec.UsageFirstPartyAppAssignment,
		AdditionalUsages: []ec.Usage{ec.UsageCallingUserAssignment},
		LocationID:       telnyx.String(locationID),
	}
	uploadCreateJSON = `{"number_ids":["n1","n2"],"usage":"first_party_app_assignment",
		"additional_usages":["calling_user_assignment"],"location_id":"` + locationID + `"}`
)

func TestMethods(t *testing.T) {
	t.Parallel()
	const (
		connTmpl     = "/external_connections/{id}"
		logTmpl      = "/external_connections/log_messages/{id}"
		locationTmpl = "/external_connections/{id}/locations/{location_id}"
		civicTmpl    = "/external_connections/{id}/civic_addresses/{address_id}"
		numbersTmpl  = "/external_connections/{id}/phone_numbers"
		numberTmpl   = "/external_connections/{id}/phone_numbers/{phone_number_id}"
		releasesTmpl = "/external_connections/{id}/releases"
		releaseTmpl  = "/external_connections/{id}/releases/{release_id}"
		uploadsTmpl  = "/external_connections/{id}/uploads"
		uploadTmpl   = "/external_connections/{id}/uploads/{ticket_id}"
		retryTmpl    = "/external_connections/{id}/uploads/{ticket_id}/retry"
	)
	connectionAnswer := `{"data":` + connectionObject + `}`

	updateLocation := testutil.Case{
		Name: "UpdateLocation", Method: http.MethodPatch, Path: "/external_connections/" + teamsConn + "/locations/" + locationID,
		Body: `{"static_emergency_address_id":"` + emergency + `"}`, Status: http.StatusAccepted,
		Answer: `{"data":{"location_id":"` + locationID + `","static_emergency_address_id":"` + emergency + `","accepted_address_suggestions":true}}`,
		Want:   &ec.LocationUpdate{LocationID: locationID, StaticEmergencyAddressID: emergency, AcceptedAddressSuggestions: true, OrdersPending: true},
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).UpdateLocation(ctx, teamsConn, locationID, locationParams)
		},
		Template: locationTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).UpdateLocation(ctx, v, locationID, locationParams)
			return err
		},
	}
	civicGet := testutil.Case{
		Name: "CivicAddresses.Get", Method: http.MethodGet, Path: "/external_connections/" + connID + "/civic_addresses/" + addressID,
		Status: http.StatusOK, Answer: `{"data":` + civicAddressObject + `}`, Want: &wantCivicAddress,
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).CivicAddresses.Get(ctx, connID, addressID)
		},
		Template: civicTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).CivicAddresses.Get(ctx, v, addressID)
			return err
		},
	}
	numberGet := testutil.Case{
		Name: "PhoneNumbers.Get", Method: http.MethodGet, Path: "/external_connections/" + connID + "/phone_numbers/a%20b%2F%23",
		Status: http.StatusOK, Answer: `{"data":` + phoneNumberObject + `}`, Want: &wantPhoneNumber,
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).PhoneNumbers.Get(ctx, connID, "a b/#")
		},
		Template: numberTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).PhoneNumbers.Get(ctx, v, "1269460000000000000")
			return err
		},
	}
	numberUpdateCase := testutil.Case{
		Name: "PhoneNumbers.Update", Method: http.MethodPatch, Path: "/external_connections/" + connID + "/phone_numbers/1269460000000000000",
		Body: `{"location_id":"` + locationID + `"}`, Status: http.StatusOK, Answer: `{"data":` + phoneNumberObject + `}`, Want: &wantPhoneNumber,
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).PhoneNumbers.Update(ctx, connID, "1269460000000000000", numberUpdate)
		},
		Template: numberTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).PhoneNumbers.Update(ctx, v, "1269460000000000000", numberUpdate)
			return err
		},
	}
	releaseGet := testutil.Case{
		Name: "Releases.Get", Method: http.MethodGet, Path: "/external_connections/" + connID + "/releases/" + ticketID,
		Status: http.StatusOK, Answer: `{"data":` + releaseObject + `}`, Want: &wantRelease,
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).Releases.Get(ctx, connID, ticketID)
		},
		Template: releaseTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).Releases.Get(ctx, v, ticketID)
			return err
		},
	}
	uploadGet := testutil.Case{
		Name: "Uploads.Get", Method: http.MethodGet, Path: "/external_connections/" + connID + "/uploads/" + ticketID,
		Status: http.StatusOK, Answer: `{"data":` + uploadObject + `}`, Want: &wantUpload,
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).Uploads.Get(ctx, connID, ticketID)
		},
		Template: uploadTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).Uploads.Get(ctx, v, ticketID)
			return err
		},
	}
	uploadRetry := testutil.Case{
		Name: "Uploads.Retry", Method: http.MethodPost, Path: "/external_connections/" + connID + "/uploads/" + ticketID + "/retry",
		Status: http.StatusAccepted, Answer: `{"data":` + uploadObject + `}`, Want: &wantUpload,
		Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return svc(c).Uploads.Retry(ctx, connID, ticketID)
		},
		Template: retryTmpl,
		Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).Uploads.Retry(ctx, v, ticketID)
			return err
		},
	}

	testutil.Run(t, []testutil.Case{
		{
			Name: "List", Method: http.MethodGet, Path: "/external_connections", Query: listQuery,
			Status: http.StatusOK, Answer: page("data", connectionObject), Want: []ec.Connection{*wantConnection},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) { return data(svc(c).List(ctx, listParams)) },
		},
		{
			Name: "ListAutoPaging", Method: http.MethodGet, Path: "/external_connections", Query: listQuery,
			Status: http.StatusOK, Answer: page("data", connectionObject), Want: []ec.Connection{*wantConnection},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return collect(svc(c).ListAutoPaging(ctx, listParams))
			},
		},
		{
			Name: "Create", Method: http.MethodPost, Path: "/external_connections", Body: createJSON,
			Status: http.StatusCreated, Answer: connectionAnswer, Want: wantConnection,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) { return svc(c).Create(ctx, createParams) },
		},
		{
			Name: "Get", Method: http.MethodGet, Path: "/external_connections/" + connID,
			Status: http.StatusOK, Answer: connectionAnswer, Want: wantConnection,
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return svc(c).Get(ctx, connID) },
			Template: connTmpl,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Get(ctx, v)
				return err
			},
		},
		{
			Name: "Update", Method: http.MethodPatch, Path: "/external_connections/" + connID, Body: updateJSON,
			Status: http.StatusOK, Answer: connectionAnswer, Want: wantConnection,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return svc(c).Update(ctx, connID, updateParams)
			},
			Template: connTmpl,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Update(ctx, v, updateParams)
				return err
			},
		},
		{
			Name: "Delete", Method: http.MethodDelete, Path: "/external_connections/" + connID,
			Status: http.StatusOK, Answer: connectionAnswer, Want: wantConnection,
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return svc(c).Delete(ctx, connID) },
			Template: connTmpl,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Delete(ctx, v)
				return err
			},
		},
		updateLocation,
		onParam(updateLocation, 1, "location_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).UpdateLocation(ctx, teamsConn, v, locationParams)
			return err
		}),

		{
			Name: "LogMessages.List", Method: http.MethodGet, Path: "/external_connections/log_messages", Query: logQuery,
			Status: http.StatusOK, Answer: page("log_messages", logMessageObject), Want: []ec.LogMessage{wantLogMessage},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return data(svc(c).LogMessages.List(ctx, logParams))
			},
		},
		{
			Name: "LogMessages.ListAutoPaging", Method: http.MethodGet, Path: "/external_connections/log_messages", Query: logQuery,
			Status: http.StatusOK, Answer: page("log_messages", logMessageObject), Want: []ec.LogMessage{wantLogMessage},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return collect(svc(c).LogMessages.ListAutoPaging(ctx, logParams))
			},
		},
		{
			Name: "LogMessages.Get", Method: http.MethodGet, Path: "/external_connections/log_messages/5",
			Status: http.StatusOK, Answer: `{"log_messages":[` + logMessageObject + `]}`, Want: &wantLogMessage,
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return svc(c).LogMessages.Get(ctx, "5") },
			Template: logTmpl,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).LogMessages.Get(ctx, v)
				return err
			},
		},
		{
			Name: "LogMessages.Dismiss", Method: http.MethodDelete, Path: "/external_connections/log_messages/5",
			Status: http.StatusOK, Answer: `{"success":true}`, Want: &ec.Result{Success: true},
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return svc(c).LogMessages.Dismiss(ctx, "5") },
			Template: logTmpl,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).LogMessages.Dismiss(ctx, v)
				return err
			},
		},

		{
			Name: "CivicAddresses.List", Method: http.MethodGet, Path: "/external_connections/" + connID + "/civic_addresses", Query: civicQuery,
			Status: http.StatusOK, Answer: `{"data":[` + civicAddressObject + `]}`, Want: []ec.CivicAddress{wantCivicAddress},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return svc(c).CivicAddresses.List(ctx, connID, civicParams)
			},
			Template: "/external_connections/{id}/civic_addresses",
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).CivicAddresses.List(ctx, v, civicParams)
				return err
			},
		},
		civicGet,
		onParam(civicGet, 1, "address_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).CivicAddresses.Get(ctx, connID, v)
			return err
		}),

		{
			Name: "PhoneNumbers.List", Method: http.MethodGet, Path: "/external_connections/" + connID + "/phone_numbers", Query: numberQuery,
			Status: http.StatusOK, Answer: page("data", phoneNumberObject), Want: []ec.PhoneNumber{wantPhoneNumber},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return data(svc(c).PhoneNumbers.List(ctx, connID, numberParams))
			},
			Template: numbersTmpl, Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).PhoneNumbers.List(ctx, v, numberParams)
				return err
			},
		},
		{
			Name: "PhoneNumbers.ListAutoPaging", Method: http.MethodGet, Path: "/external_connections/" + connID + "/phone_numbers", Query: numberQuery,
			Status: http.StatusOK, Answer: page("data", phoneNumberObject), Want: []ec.PhoneNumber{wantPhoneNumber},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return collect(svc(c).PhoneNumbers.ListAutoPaging(ctx, connID, numberParams))
			},
			Template: numbersTmpl, Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := collect(svc(c).PhoneNumbers.ListAutoPaging(ctx, v, numberParams))
				return err
			},
		},
		numberGet,
		onParam(numberGet, 1, "phone_number_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).PhoneNumbers.Get(ctx, connID, v)
			return err
		}),
		numberUpdateCase,
		onParam(numberUpdateCase, 1, "phone_number_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).PhoneNumbers.Update(ctx, connID, v, numberUpdate)
			return err
		}),

		{
			Name: "Releases.List", Method: http.MethodGet, Path: "/external_connections/" + connID + "/releases", Query: releaseQuery,
			Status: http.StatusOK, Answer: page("data", releaseObject), Want: []ec.Release{wantRelease},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return data(svc(c).Releases.List(ctx, connID, releaseParams))
			},
			Template: releasesTmpl, Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Releases.List(ctx, v, releaseParams)
				return err
			},
		},
		{
			Name: "Releases.ListAutoPaging", Method: http.MethodGet, Path: "/external_connections/" + connID + "/releases", Query: releaseQuery,
			Status: http.StatusOK, Answer: page("data", releaseObject), Want: []ec.Release{wantRelease},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return collect(svc(c).Releases.ListAutoPaging(ctx, connID, releaseParams))
			},
			Template: releasesTmpl, Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := collect(svc(c).Releases.ListAutoPaging(ctx, v, releaseParams))
				return err
			},
		},
		releaseGet,
		onParam(releaseGet, 1, "release_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).Releases.Get(ctx, connID, v)
			return err
		}),

		{
			Name: "Uploads.List", Method: http.MethodGet, Path: "/external_connections/" + connID + "/uploads", Query: uploadQuery,
			Status: http.StatusOK, Answer: page("data", uploadObject), Want: []ec.Upload{wantUpload},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return data(svc(c).Uploads.List(ctx, connID, uploadParams))
			},
			Template: uploadsTmpl, Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Uploads.List(ctx, v, uploadParams)
				return err
			},
		},
		{
			Name: "Uploads.ListAutoPaging", Method: http.MethodGet, Path: "/external_connections/" + connID + "/uploads", Query: uploadQuery,
			Status: http.StatusOK, Answer: page("data", uploadObject), Want: []ec.Upload{wantUpload},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return collect(svc(c).Uploads.ListAutoPaging(ctx, connID, uploadParams))
			},
			Template: uploadsTmpl, Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := collect(svc(c).Uploads.ListAutoPaging(ctx, v, uploadParams))
				return err
			},
		},
		{
			Name: "Uploads.Create", Method: http.MethodPost, Path: "/external_connections/" + connID + "/uploads", Body: uploadCreateJSON,
			Status: http.StatusAccepted, Answer: `{"success":true,"ticket_id":"` + ticketID + `"}`,
			Want: &ec.UploadTicket{Success: true, TicketID: ticketID},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return svc(c).Uploads.Create(ctx, connID, uploadCreate)
			},
			Template: uploadsTmpl,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Uploads.Create(ctx, v, uploadCreate)
				return err
			},
		},
		uploadGet,
		onParam(uploadGet, 1, "ticket_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).Uploads.Get(ctx, connID, v)
			return err
		}),
		uploadRetry,
		onParam(uploadRetry, 1, "ticket_id", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := svc(c).Uploads.Retry(ctx, connID, v)
			return err
		}),
		{
			Name: "Uploads.RefreshAll", Method: http.MethodPost, Path: "/external_connections/" + connID + "/uploads/refresh",
			Status: http.StatusOK, Answer: `{"success":true}`, Want: &ec.Result{Success: true},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return svc(c).Uploads.RefreshAll(ctx, connID)
			},
			Template: "/external_connections/{id}/uploads/refresh",
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Uploads.RefreshAll(ctx, v)
				return err
			},
		},
		{
			Name: "Uploads.PendingCount", Method: http.MethodGet, Path: "/external_connections/" + connID + "/uploads/status",
			Status: http.StatusOK, Answer: `{"data":{"pending_numbers_count":12,"pending_orders_count":3}}`,
			Want: &ec.PendingCounts{PendingNumbersCount: 12, PendingOrdersCount: 3},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return svc(c).Uploads.PendingCount(ctx, connID)
			},
			Template: "/external_connections/{id}/uploads/status",
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := svc(c).Uploads.PendingCount(ctx, v)
				return err
			},
		},

		{
			Name: "OperatorConnect.Refresh", Method: http.MethodPost, Path: "/operator_connect/actions/refresh",
			Status: http.StatusAccepted, Answer: `{"success":true,"message":"Refresh requested"}`,
			Want: &ec.RefreshResult{Success: true, Message: "Refresh requested"},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) { return svc(c).OperatorConnect.Refresh(ctx) },
		},
	})
}
