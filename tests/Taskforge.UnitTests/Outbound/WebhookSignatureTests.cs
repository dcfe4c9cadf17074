using System.Text;
using Taskforge.Application.Webhooks;
using Taskforge.Infrastructure.Webhooks;

namespace Taskforge.UnitTests.Outbound;

public sealed class WebhookSignatureTests
{
    // The example of the Standard Webhooks reference libraries.
    [Fact]
    public void Signs_as_the_standard_webhooks_reference_does()
    {
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            Encoding.UTF8.GetBytes("""{"test": 2432232314}""")
        );

        signature.Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void A_new_secret_is_whsec_and_base64_of_32_random_bytes()
    {
        var secret = WebhookSecret.New();

        secret.Should().StartWith("whsec_");
        WebhookSecret.Key(secret).Should().HaveCount(32);
        WebhookSecret.New().Should().NotBe(secret);
    }
}
