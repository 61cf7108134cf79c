package telnyx

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

// A type first encoded by several calls at once must be walked by all of
// them: none may see a provisional "holds no Secret" for it.
func TestFirstEncodingsOfATypeRacingAllFindTheSecret(t *testing.T) {
	t.Parallel()
	for i := range 200 {
		typ := reflect.StructOf([]reflect.StructField{
			{Name: fmt.Sprintf("Pad%d", i), Type: reflect.TypeFor[[]int](), Tag: `json:"pad"`},
			{Name: "Key", Type: reflect.TypeFor[Secret](), Tag: `json:"key"`},
		})
		v := reflect.New(typ)
		v.Elem().Field(1).Set(reflect.ValueOf(NewSecret("value")))
		body := v.Interface()
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				data, err := marshalBody(body)
				if err == nil && string(data) != `{"pad":null,"key":"value"}` {
					err = fmt.Errorf("sent %s", data)
				}
				if err != nil {
					errs <- err
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("type %d: %v", i, err)
		}
	}
}
