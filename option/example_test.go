package option_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"sync/atomic"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// Options set on the client apply to every call; options given to one call
// override them for that call only.
func Example() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	var attempts atomic.Int32
	count := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		attempts.Add(1)
		return next(r)
	})
	client := srv.Client(count, option.WithMaxRetries(3), option.WithRequestTimeout(5*time.Second))
	files := media.New(client)
	ctx := context.Background()

	srv.FailNext(10, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpListMediaStorage))
	_, err := files.List(ctx, media.ListParams{})
	fmt.Println("client options:", attempts.Load(), "attempts,", err != nil)

	attempts.Store(0)
	_, err = files.List(ctx, media.ListParams{}, option.WithMaxRetries(0))
	fmt.Println("call option:", attempts.Load(), "attempt,", err != nil)
	// Output:
	// client options: 4 attempts, true
	// call option: 1 attempt, true
}

// A walk of a long list can fetch several pages at once; items still come
// in the API's order.
func ExampleWithPageConcurrency() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedDemo()
	client := srv.Client(option.WithPageConcurrency(4))
	var ids []string
	params := recordings.ListParams{Page: telnyx.PageParams{Size: 5}}
	for rec, err := range recordings.New(client).ListAutoPaging(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		ids = append(ids, rec.ID)
	}
	fmt.Println(len(ids), "recordings in", len(srv.Requests()), "page requests")
	// Output: 25 recordings in 5 page requests
}
