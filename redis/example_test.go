package telnyxredis_test

import (
	"log"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	telnyxredis "github.com/telnyx-sip-integrations/telnyx-go/redis"
	"github.com/telnyx-sip-integrations/telnyx-go/webhooks"
)

// Every replica builds the same store and limiter on one Redis.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})

	key, err := webhooks.PublicKeyFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("POST /telnyx/webhooks", webhooks.NewHandler(webhooks.NewVerifier(key),
		func(w http.ResponseWriter, r *http.Request, ev *webhooks.Event) {
			log.Println(ev.Data.EventType)
		},
		webhooks.WithReplayStore(telnyxredis.NewReplayStore(rdb)),
	))

	lim, err := telnyxredis.NewLimiter(rdb, "account-main", 50, 1,
		telnyxredis.WithErrorHandler(func(err error) { log.Println("rate limiter:", err) }))
	if err != nil {
		log.Fatal(err)
	}
	client, err := telnyx.NewClient(option.WithLimiter(lim))
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}
