package dialogflow_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

func ExampleService_Create() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"data":{"record_type":"dialogflow_connections","connection_id":"1234541231","service_account":"****","environment":"development"}}`)
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	if err != nil {
		panic(err)
	}
	svc := dialogflow.NewService(c)

	key := []byte(`{"type":"service_account","project_id":"p","client_email":"bot@p.iam.gserviceaccount.com","private_key":"..."}`) // e.g. os.ReadFile
	api, env := dialogflow.APIES, "development"
	conn, err := svc.Create(context.Background(), "1234541231", dialogflow.Params{
		ServiceAccount: key,
		DialogflowAPI:  &api,
		Environment:    &env,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(conn.ConnectionID, conn.Environment, conn.ServiceAccount)
	// Output: 1234541231 development ****
}
