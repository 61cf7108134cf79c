package externalconnections_test

import (
	"context"
	"fmt"
	"log"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conns := externalconnections.New(srv.Client())

	conn, err := conns.Create(context.Background(), externalconnections.CreateParams{
		ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
		Outbound:              externalconnections.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
		WebhookEventURL:       telnyx.String("https://example.com/hooks"),
		WebhookTimeoutSecs:    telnyx.NewNullable(10),
	})
	if err != nil {
		log.Fatal(err)
	}
	timeout, _ := conn.WebhookTimeoutSecs.Get()
	fmt.Println(conn.ExternalSIPConnection, conn.Active, timeout)
	// Output: zoom true 10
}

func ExampleService_Update() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{Active: true, WebhookTimeoutSecs: telnyx.NewNullable(10)})
	conns := externalconnections.New(srv.Client())

	// The outbound voice profile is always required; Null clears the timeout
	// and fields left unset keep their value.
	updated, err := conns.Update(context.Background(), conn.ID, externalconnections.UpdateParams{
		Outbound:           externalconnections.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
		Active:             telnyx.Bool(false),
		WebhookTimeoutSecs: telnyx.Null[int](),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(updated.Active, updated.WebhookTimeoutSecs.IsNull())
	// Output: false true
}

func ExampleLogMessageService_ListAutoPaging() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	srv.SeedLogMessage(externalconnections.LogMessage{Title: "Invalid location",
		Meta: externalconnections.LogMessageMeta{ExternalConnectionID: conn.ID, TelephoneNumber: "+13125550100"}})
	srv.SeedLogMessage(externalconnections.LogMessage{Meta: externalconnections.LogMessageMeta{ExternalConnectionID: "1293384261075731499"}})
	conns := externalconnections.New(srv.Client())

	params := externalconnections.LogMessageListParams{Filter: &externalconnections.LogMessageListFilter{ExternalConnectionID: conn.ID}}
	for msg, err := range conns.LogMessages.ListAutoPaging(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(msg.Code, msg.Title, msg.Meta.TelephoneNumber)
	}
	// Output: 10015 Invalid location +13125550100
}

func ExampleCivicAddressService_List() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	srv.SeedCivicAddress(conn.ID, externalconnections.CivicAddress{CityOrTown: "Austin", Country: "US",
		Locations: []externalconnections.Location{{IsDefault: true}, {AdditionalInfo: "14th Floor"}}})
	srv.SeedCivicAddress(conn.ID, externalconnections.CivicAddress{CityOrTown: "Toronto", Country: "CA"})
	srv.SeedCivicAddress(conn.ID, externalconnections.CivicAddress{CityOrTown: "Dublin", Country: "IE"})
	conns := externalconnections.New(srv.Client())

	addrs, err := conns.CivicAddresses.List(context.Background(), conn.ID, externalconnections.CivicAddressListParams{
		Filter: &externalconnections.CivicAddressListFilter{Country: []string{"US", "CA"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range addrs {
		fmt.Println(a.CityOrTown, a.Country, len(a.Locations))
	}
	// Output:
	// Austin US 2
	// Toronto CA 0
}

func ExamplePhoneNumberService_Update() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	addr := srv.SeedCivicAddress(conn.ID, externalconnections.CivicAddress{CityOrTown: "Chicago", Locations: []externalconnections.Location{{}}})
	num := srv.SeedPhoneNumber(conn.ID, externalconnections.PhoneNumber{TelephoneNumber: "+13128675309"})
	conns := externalconnections.New(srv.Client())

	// The path takes the number's ID, not the number itself.
	n, err := conns.PhoneNumbers.Update(context.Background(), conn.ID, num.NumberID,
		externalconnections.PhoneNumberUpdateParams{LocationID: telnyx.String(addr.DefaultLocationID)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.TelephoneNumber, n.LocationID == addr.DefaultLocationID, n.CivicAddressID == addr.ID)
	// Output: +13128675309 true true
}

func ExampleReleaseService_List() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	srv.SeedRelease(conn.ID, externalconnections.Release{Status: externalconnections.ReleaseStatusComplete})
	srv.SeedRelease(conn.ID, externalconnections.Release{Status: externalconnections.ReleaseStatusFailed, ErrorMessage: "Number is in use",
		TelephoneNumbers: []externalconnections.ReleasedNumber{{PhoneNumber: "+15125559001", NumberID: "1930241863466399001"}}})
	conns := externalconnections.New(srv.Client())

	page, err := conns.Releases.List(context.Background(), conn.ID, externalconnections.ReleaseListParams{
		Filter: &externalconnections.ReleaseListFilter{Status: &externalconnections.ReleaseStatusFilter{
			Eq: []externalconnections.ReleaseStatus{externalconnections.ReleaseStatusFailed},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range page.Data {
		fmt.Println(r.Status, r.ErrorMessage, r.TelephoneNumbers[0].PhoneNumber)
	}
	// Output: failed Number is in use +15125559001
}

func ExampleUploadService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	addr := srv.SeedCivicAddress(conn.ID, externalconnections.CivicAddress{CityOrTown: "Austin", Locations: []externalconnections.Location{{}}})
	uploads := externalconnections.New(srv.Client()).Uploads
	ctx := context.Background()

	ticket, err := uploads.Create(ctx, conn.ID, externalconnections.UploadCreateParams{
		NumberIDs:  []string{"1269460000000000001", "1269460000000000002"},
		LocationID: telnyx.String(addr.DefaultLocationID),
	})
	if err != nil {
		log.Fatal(err)
	}
	// The upload runs in the background; follow it by its ticket.
	up, err := uploads.Get(ctx, conn.ID, ticket.TicketID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.Success, up.Status, len(up.Entries))
	// Output: true pending_upload 2
}

func ExampleUploadService_PendingCount() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	srv.SeedUpload(conn.ID, externalconnections.Upload{Entries: make([]externalconnections.UploadEntry, 3)})
	srv.SeedUpload(conn.ID, externalconnections.Upload{Status: externalconnections.UploadStatusSuccess})
	uploads := externalconnections.New(srv.Client()).Uploads
	ctx := context.Background()

	counts, err := uploads.PendingCount(ctx, conn.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("before:", counts.PendingOrdersCount, counts.PendingNumbersCount)

	// RefreshAll asks for the state of every pending upload to be checked again.
	if _, err := uploads.RefreshAll(ctx, conn.ID); err != nil {
		log.Fatal(err)
	}
	if counts, err = uploads.PendingCount(ctx, conn.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println("after:", counts.PendingOrdersCount, counts.PendingNumbersCount)
	// Output:
	// before: 1 3
	// after: 0 0
}

func ExampleUploadService_Retry() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(externalconnections.Connection{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})
	failed := srv.SeedUpload(conn.ID, externalconnections.Upload{Status: externalconnections.UploadStatusError, ErrorCode: "internal_error",
		Entries: []externalconnections.UploadEntry{{NumberID: "1269460000000000001"}}})
	conns := externalconnections.New(srv.Client())

	up, err := conns.Uploads.Retry(context.Background(), conn.ID, failed.TicketID)
	if err != nil {
		log.Fatal(err)
	}
	// The API may answer with a new upload rather than the retried one.
	fmt.Println(up.Status, up.TicketID == failed.TicketID)
	// Output: success true
}

func ExampleOperatorConnectService_Refresh() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conns := externalconnections.New(srv.Client())

	res, err := conns.OperatorConnect.Refresh(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Success, res.Message)
	// Output: true Operator Connect refresh requested.
}

func ExampleService_List() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedExternalConnection(externalconnections.Connection{ConnectionName: "may", CreatedAt: telnyx.NewTimestamp(time.Date(2024, 5, 1, 18, 30, 0, 0, time.UTC))})
	srv.SeedExternalConnection(externalconnections.Connection{ConnectionName: "june", CreatedAt: telnyx.Date(2024, 6, 1)})
	conns := externalconnections.New(srv.Client())

	// The created_at filter matches a whole day: only the date is sent.
	page, err := conns.List(context.Background(), externalconnections.ListParams{
		Filter: &externalconnections.ListFilter{CreatedAt: telnyx.Date(2024, 5, 1)},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range page.Data {
		fmt.Println(c.ConnectionName, c.CreatedAt.Format(time.DateTime))
	}
	// Output: may 2024-05-01 18:30:00
}
