package externalconnections_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// exampleClient starts a server that answers every request with body and
// returns a client for it; stop closes the server.
func exampleClient(body string) (c *core.Client, stop func()) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, body)
	}))
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	if err != nil {
		panic(err)
	}
	return c, srv.Close
}

func ExampleService_Create() {
	c, stop := exampleClient(`{"data":{"id":"1293384261075731499","external_sip_connection":"zoom","active":true}}`)
	defer stop()
	svc := externalconnections.NewService(c)

	conn, err := svc.Create(context.Background(), externalconnections.CreateParams{
		ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
		Outbound:              externalconnections.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
		WebhookTimeoutSecs:    core.NewNullable(10),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(conn.ID, conn.ExternalSIPConnection, conn.Active)
	// Output: 1293384261075731499 zoom true
}

func ExampleLogMessageService_ListAutoPaging() {
	c, stop := exampleClient(`{"log_messages":[{"code":"10015","title":"Invalid location"}],"meta":{"page_number":1,"total_pages":1}}`)
	defer stop()
	svc := externalconnections.NewService(c)

	for msg, err := range svc.LogMessages.ListAutoPaging(context.Background(), externalconnections.LogMessageListParams{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(msg.Code, msg.Title)
	}
	// Output: 10015 Invalid location
}

func ExampleCivicAddressService_List() {
	c, stop := exampleClient(`{"data":[{"id":"07a4dc5d","city_or_town":"Austin","locations":[{"id":"18ded4bb","is_default":true}]}]}`)
	defer stop()
	svc := externalconnections.NewCivicAddressService(c)

	addrs, err := svc.List(context.Background(), "1293384261075731499", externalconnections.CivicAddressListParams{
		Filter: &externalconnections.CivicAddressFilter{Country: []string{"US", "CA"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range addrs {
		fmt.Println(a.CityOrTown, len(a.Locations))
	}
	// Output: Austin 1
}

func ExamplePhoneNumberService_Update() {
	c, stop := exampleClient(`{"data":{"telephone_number":"+13128675309","location_id":"d420a57f"}}`)
	defer stop()
	svc := externalconnections.NewPhoneNumberService(c)

	n, err := svc.Update(context.Background(), "1293384261075731499", "1269460000000000000",
		externalconnections.PhoneNumberUpdateParams{LocationID: ptr("d420a57f")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.TelephoneNumber, n.LocationID)
	// Output: +13128675309 d420a57f
}

func ExampleReleaseService_List() {
	c, stop := exampleClient(`{"data":[{"ticket_id":"542c3bca","status":"failed"}],"meta":{"page_number":1,"total_pages":1}}`)
	defer stop()
	svc := externalconnections.NewReleaseService(c)

	page, err := svc.List(context.Background(), "1293384261075731499", externalconnections.ReleaseListParams{
		Filter: &externalconnections.ReleaseFilter{Status: &externalconnections.ReleaseStatusFilter{
			Eq: []externalconnections.ReleaseStatus{externalconnections.ReleaseStatusFailed},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range page.Data {
		fmt.Println(r.TicketID, r.Status)
	}
	// Output: 542c3bca failed
}

func ExampleUploadService_Create() {
	c, stop := exampleClient(`{"success":true,"ticket_id":"542c3bca-d247-42bc-8fe7-e01d16ecd761"}`)
	defer stop()
	svc := externalconnections.NewUploadService(c)

	ticket, err := svc.Create(context.Background(), "1293384261075731499", externalconnections.UploadCreateParams{
		NumberIDs:  []string{"1269460000000000000"},
		LocationID: ptr("18ded4bb-b694-44c1-a89b-a35b7acd4c9e"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ticket.Success, ticket.TicketID)
	// Output: true 542c3bca-d247-42bc-8fe7-e01d16ecd761
}

func ExampleOperatorConnectService_Refresh() {
	c, stop := exampleClient(`{"success":true,"message":"Refresh requested"}`)
	defer stop()
	svc := externalconnections.NewOperatorConnectService(c)

	res, err := svc.Refresh(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Success, res.Message)
	// Output: true Refresh requested
}
