using System.Security.Cryptography;
using System.Text;
using Taskforge.Application.Push;
using Taskforge.Infrastructure.Push;

namespace Taskforge.UnitTests.Infrastructure.Push;

public sealed class WebPushEncryptionTests
{
    // RFC 8291, section 5 (and appendix A): the worked example's keys, salt, plaintext and body.
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string ServerPrivateKey = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string ServerPublicKey =
        "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string ClientPublicKey =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Body =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    [Fact]
    public void The_rfc_8291_example_encrypts_to_the_rfc_body()
    {
        var server = Decode(ServerPublicKey);
        using var serverKey = ECDiffieHellman.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = Decode(ServerPrivateKey),
                Q = new ECPoint { X = server[1..33], Y = server[33..] },
            }
        );

        var body = WebPushEncryption.Encrypt(
            Encoding.UTF8.GetBytes(Plaintext),
            Decode(ClientPublicKey),
            Decode(AuthSecret),
            serverKey,
            Decode(Salt)
        );

        Base64Url.Encode(body).Should().Be(Body);
    }

    [Fact]
    public void A_fresh_message_has_the_aes128gcm_header_and_one_record()
    {
        var body = WebPushEncryption.Encrypt("hello"u8, Decode(ClientPublicKey), Decode(AuthSecret));

        body.Length.Should().Be(16 + 4 + 1 + 65 + 5 + 1 + 16);
        body[16..20].Should().Equal(0, 0, 0x10, 0);
        body[20].Should().Be(65);
        body[21].Should().Be(0x04);
    }

    [Theory]
    [InlineData(ClientPublicKey, true)]
    [InlineData("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw5", false)] // off the curve
    [InlineData("AAAA", false)]
    public void Only_uncompressed_points_on_the_curve_are_client_keys(string key, bool valid) =>
        WebPushEncryption.IsPublicKey(Base64Url.TryDecode(key)).Should().Be(valid);

    private static byte[] Decode(string text) => Base64Url.TryDecode(text)!;
}
