package contract

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
)

// Connection ids are numeric strings, location ids UUIDs, as in the spec;
// updateLocation alone declares its connection id a UUID, hence teamsID.
// The fake is seeded with them (seedFake): connID is in use by phone
// numbers, deletableID is inactive and without numbers, ocID is an
// Operator Connect connection, pendingTicketID an upload in progress.
const (
	connID          = "1293384261075731499"
	deletableID     = "1293384261075731500"
	ocID            = "1293384261075731501"
	teamsID         = "67ea7693-9cd5-4a68-8c76-abb3aa5bf5d2"
	locationID      = "c37e5036-1e87-42e6-86a2-b3e8dd39a2ad"
	addressID       = "318fb664-d341-44d2-8405-e6bfb9ced6d9"
	ticketID        = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	releaseID       = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc7"
	pendingTicketID = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc8"
)

func init() {
	register(
		contractCase{
			op: "ListExternalConnections",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(ec.New(c).List(ctx, ec.ListParams{
					Filter: &ec.ListFilter{
						ConnectionName:        &ec.ContainsFilter{Contains: "Zoom"},
						ExternalSIPConnection: ec.ExternalSIPConnectionZoom,
						CreatedAt:             telnyx.Date(2022, 12, 31),
						PhoneNumber:           &ec.ContainsFilter{Contains: "+15555555555"},
					},
					Page: telnyx.PageParams{Number: 2, Size: 25},
				}))
			},
			check: wantQuery(url.Values{
				"filter[connection_name][contains]": {"Zoom"},
				"filter[external_sip_connection]":   {"zoom"},
				"filter[created_at]":                {"2022-12-31"},
				"filter[phone_number][contains]":    {"+15555555555"},
				"page[number]":                      {"2"},
				"page[size]":                        {"25"},
			}),
		},
		contractCase{
			op: "CreateExternalConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Create(ctx, ec.CreateParams{
					ExternalSIPConnection:   ec.ExternalSIPConnectionZoom,
					Outbound:                ec.OutboundParams{OutboundVoiceProfileID: "1911630617284445511", ChannelLimit: telnyx.Int(10)},
					Inbound:                 &ec.CreateInboundParams{OutboundVoiceProfileID: "1911630617284445511", ChannelLimit: telnyx.Int(5)},
					Active:                  telnyx.Bool(true),
					WebhookEventURL:         telnyx.String("https://example.com/hooks"),
					WebhookEventFailoverURL: telnyx.Null[string](),
					WebhookTimeoutSecs:      telnyx.NewNullable(25),
				})
			},
			check: wantJSON(`{"external_sip_connection":"zoom","active":true,
				"outbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":10},
				"inbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":5},
				"webhook_event_url":"https://example.com/hooks","webhook_event_failover_url":null,"webhook_timeout_secs":25}`),
		},
		contractCase{
			op: "GetExternalConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Get(ctx, connID)
			},
			check: wantPath("/v2/external_connections/" + connID),
		},
		contractCase{
			op: "UpdateExternalConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Update(ctx, connID, ec.UpdateParams{
					Outbound:           ec.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
					Inbound:            &ec.UpdateInboundParams{ChannelLimit: telnyx.Int(7)},
					Active:             telnyx.Bool(false),
					WebhookTimeoutSecs: telnyx.Null[int](),
				})
			},
			check: wantJSON(`{"outbound":{"outbound_voice_profile_id":"1911630617284445511"},"inbound":{"channel_limit":7},"active":false,"webhook_timeout_secs":null}`),
		},
		contractCase{
			op: "DeleteExternalConnection", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Delete(ctx, deletableID)
			},
			check: wantPath("/v2/external_connections/" + deletableID),
		},
		contractCase{
			op: "DeleteExternalConnection", variant: "in-use", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Delete(ctx, connID)
			},
		},
		contractCase{
			op: "DeleteExternalConnection", variant: "operator-connect", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Delete(ctx, ocID)
			},
		},
		contractCase{
			// The SDK refuses a name filter under three characters; the
			// API answers one with 400.
			op: "ListExternalConnections", variant: "short-name", refusal: http.StatusBadRequest,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(ec.New(c).List(ctx, ec.ListParams{}, withQuery("filter[connection_name][contains]", "Zo")))
			},
		},
		contractCase{
			op: "ListExternalConnections", variant: "created-at-not-a-date", refusal: http.StatusBadRequest,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(ec.New(c).List(ctx, ec.ListParams{}, withQuery("filter[created_at]", "2022-12-31T23:00:00Z")))
			},
		},
		contractCase{
			op: "updateLocation", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).UpdateLocation(ctx, teamsID, locationID, ec.LocationUpdateParams{StaticEmergencyAddressID: addressID})
			},
			check: all(wantPath("/v2/external_connections/"+teamsID+"/locations/"+locationID),
				wantJSON(`{"static_emergency_address_id":"`+addressID+`"}`)),
		},
		contractCase{
			op: "updateLocation", variant: "accepted", at: "/data", status: 202,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).UpdateLocation(ctx, teamsID, locationID, ec.LocationUpdateParams{StaticEmergencyAddressID: addressID})
			},
			verify: func(result any) error {
				if !result.(*ec.LocationUpdate).OrdersPending {
					return errors.New("OrdersPending is false after a 202")
				}
				return nil
			},
		},
		contractCase{
			// A location whose emergency address was accepted cannot change.
			op: "updateLocation", variant: "address-accepted", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).UpdateLocation(ctx, teamsID, locationID, ec.LocationUpdateParams{StaticEmergencyAddressID: addressID})
			},
		},

		// Log messages.
		contractCase{
			op: "ListExternalConnectionLogMessages",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return logPage(ec.New(c).LogMessages.List(ctx, ec.LogMessageListParams{
					Filter: &ec.LogMessageListFilter{
						ExternalConnectionID: connID,
						TelephoneNumber:      &ec.PhoneNumberMatch{Contains: "+1970"},
					},
					Page: telnyx.PageParams{Size: 50},
				}))
			},
			check: wantQuery(url.Values{
				"filter[external_connection_id]":     {connID},
				"filter[telephone_number][contains]": {"+1970"},
				"page[size]":                         {"50"},
			}),
		},
		contractCase{
			// The SDK refuses a partial number of fewer than 3 digits.
			op: "ListExternalConnectionLogMessages", variant: "short-number", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return logPage(ec.New(c).LogMessages.List(ctx, ec.LogMessageListParams{}, withQuery("filter[telephone_number][contains]", "+19")))
			},
		},
		contractCase{
			op: "GetExternalConnectionLogMessage", at: "/log_messages/0",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).LogMessages.Get(ctx, "1293384261075731499")
			},
		},
		contractCase{
			op: "DeleteExternalConnectionLogMessage",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).LogMessages.Dismiss(ctx, "1293384261075731499")
			},
		},

		// Civic addresses.
		contractCase{
			op: "ListCivicAddresses", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).CivicAddresses.List(ctx, connID, ec.CivicAddressListParams{
					Filter: &ec.CivicAddressListFilter{Country: []string{"US", "CA"}},
				})
			},
		},
		contractCase{
			op: "GetExternalConnectionCivicAddress", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).CivicAddresses.Get(ctx, connID, addressID)
			},
			check: wantPath("/v2/external_connections/" + connID + "/civic_addresses/" + addressID),
		},

		// Phone numbers.
		contractCase{
			op: "ListExternalConnectionPhoneNumbers",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(ec.New(c).PhoneNumbers.List(ctx, connID, ec.PhoneNumberListParams{
					Filter: &ec.PhoneNumberListFilter{
						PhoneNumber:    &ec.PhoneNumberMatch{Eq: "+19705555098"},
						CivicAddressID: &ec.EqFilter{Eq: "19990261512338516954"},
						LocationID:     &ec.EqFilter{Eq: "19995665508264022121"},
					},
					Page: telnyx.PageParams{Number: 1, Size: 10},
				}))
			},
			check: wantQuery(url.Values{
				"filter[phone_number][eq]":     {"+19705555098"},
				"filter[civic_address_id][eq]": {"19990261512338516954"},
				"filter[location_id][eq]":      {"19995665508264022121"},
				"page[number]":                 {"1"},
				"page[size]":                   {"10"},
			}),
		},
		contractCase{
			op: "GetExternalConnectionPhoneNumber", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).PhoneNumbers.Get(ctx, connID, "1234567889")
			},
		},
		contractCase{
			op: "UpdateExternalConnectionPhoneNumber", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).PhoneNumbers.Update(ctx, connID, "1234567889", ec.PhoneNumberUpdateParams{LocationID: telnyx.String(locationID)})
			},
			check: wantJSON(`{"location_id":"` + locationID + `"}`),
		},

		// Releases.
		contractCase{
			op: "ListExternalConnectionReleases",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(ec.New(c).Releases.List(ctx, connID, ec.ReleaseListParams{
					Filter: &ec.ReleaseListFilter{
						Status:      &ec.ReleaseStatusFilter{Eq: []ec.ReleaseStatus{ec.ReleaseStatusPending, ec.ReleaseStatusInProgress}},
						PhoneNumber: &ec.PhoneNumberMatch{Contains: "+123"},
					},
				}))
			},
		},
		contractCase{
			op: "GetExternalConnectionRelease", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Releases.Get(ctx, connID, releaseID)
			},
		},

		// Uploads.
		contractCase{
			op: "ListExternalConnectionUploads",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(ec.New(c).Uploads.List(ctx, connID, ec.UploadListParams{
					Filter: &ec.UploadListFilter{
						Status:     &ec.UploadStatusFilter{Eq: []ec.UploadStatus{ec.UploadStatusPendingUpload, ec.UploadStatusPending}},
						LocationID: &ec.EqFilter{Eq: "19995665508264022121"},
					},
					Page: telnyx.PageParams{Number: 3},
				}))
			},
		},
		contractCase{
			op: "CreateExternalConnectionUpload",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.Create(ctx, connID, ec.UploadCreateParams{
					NumberIDs:        []string{"3920457616934164700", "3920457616934164701"},
					Usage:            ec.UsageFirstPartyAppAssignment,
					AdditionalUsages: []ec.Usage{ec.UsageCallingUserAssignment},
					LocationID:       telnyx.String(locationID),
				})
			},
			check: wantJSON(`{"number_ids":["3920457616934164700","3920457616934164701"],"usage":"first_party_app_assignment",
				"additional_usages":["calling_user_assignment"],"location_id":"` + locationID + `"}`),
		},
		contractCase{
			// The SDK refuses more than MaxUploadNumbers ids; the API
			// answers them with 413.
			op: "CreateExternalConnectionUpload", variant: "too-many", refusal: http.StatusRequestEntityTooLarge,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				ids := make([]string, ec.MaxUploadNumbers+1)
				for i := range ids {
					ids[i] = strconv.Itoa(3920457616934164700 + i)
				}
				return ec.New(c).Uploads.Create(ctx, connID, ec.UploadCreateParams{NumberIDs: []string{"3920457616934164700"}},
					withField("number_ids", ids))
			},
		},
		contractCase{
			op: "RefreshExternalConnectionUploads",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.RefreshAll(ctx, connID)
			},
		},
		contractCase{
			// Another refresh within a minute of the last one.
			op: "RefreshExternalConnectionUploads", variant: "too-soon", refusal: http.StatusConflict,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.RefreshAll(ctx, connID)
			},
		},
		contractCase{
			op: "GetExternalConnectionUploadsStatus", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.PendingCount(ctx, connID)
			},
		},
		contractCase{
			op: "GetExternalConnectionUpload", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.Get(ctx, connID, ticketID)
			},
		},
		contractCase{
			op: "RetryUpload", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.Retry(ctx, connID, ticketID)
			},
			check: wantPath("/v2/external_connections/" + connID + "/uploads/" + ticketID + "/retry"),
		},
		contractCase{
			op: "RetryUpload", variant: "in-progress", refusal: http.StatusConflict,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.Retry(ctx, connID, pendingTicketID)
			},
		},
		contractCase{
			// ticketID, once retried, has succeeded.
			op: "RetryUpload", variant: "succeeded", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).Uploads.Retry(ctx, connID, ticketID)
			},
		},

		// Operator Connect.
		contractCase{
			op: "OperatorConnectRefresh",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).OperatorConnect.Refresh(ctx)
			},
		},
		contractCase{
			op: "OperatorConnectRefresh", variant: "accepted", status: 202,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return ec.New(c).OperatorConnect.Refresh(ctx)
			},
		},
	)
}
