using LlmEval.Text;

namespace LlmEval.Tests.Text;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("5555555555554444")]
    public void Find_LuhnValidCard_FoundAsCard(string card)
    {
        var span = Assert.Single(PersonalData.Find($"My card is {card}, thanks."));

        Assert.Equal("card", span.Type);
        Assert.Equal(card, span.Value);
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("5555555555554445")]
    public void Find_LuhnInvalidDigits_NotACard(string digits)
    {
        var spans = PersonalData.Find($"Order reference {digits} shipped.");

        Assert.DoesNotContain(spans, s => s.Type == "card");
    }

    [Fact]
    public void Find_IbanWithValidChecksum_FoundAsIban()
    {
        var span = Assert.Single(PersonalData.Find("Pay to GB82 WEST 1234 5698 7654 32 today."));

        Assert.Equal("iban", span.Type);
        Assert.Equal("GB82 WEST 1234 5698 7654 32", span.Value);
    }

    [Fact]
    public void Find_IbanWithWrongChecksum_NotAnIban()
    {
        var spans = PersonalData.Find("Pay to GB82 WEST 1234 5698 7654 33 today.");

        Assert.DoesNotContain(spans, s => s.Type == "iban");
    }

    [Theory]
    [InlineData("Write to jane.doe@example.com for help.", "email", "jane.doe@example.com")]
    [InlineData("The server is at 192.168.10.20 in the lab.", "ip_address", "192.168.10.20")]
    [InlineData("Call +1 800 555 0142 during office hours.", "phone", "+1 800 555 0142")]
    [InlineData("Call 555-0142 during office hours.", "phone", "555-0142")]
    public void Find_KnownShape_FoundWithType(string text, string type, string value)
    {
        var span = Assert.Single(PersonalData.Find(text));

        Assert.Equal(type, span.Type);
        Assert.Equal(value, span.Value);
        Assert.Equal(value, text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Find_NotAnIpAddress_Ignored()
    {
        Assert.DoesNotContain(PersonalData.Find("Version 300.1.2.999 is out."), s => s.Type == "ip_address");
    }

    [Theory]
    [InlineData("2024-03-09")]
    [InlineData("09/03/2024")]
    public void Find_Date_NotAPhone(string date)
    {
        Assert.Empty(PersonalData.Find($"The order was placed on {date} and shipped."));
    }

    [Fact]
    public void Mask_SeveralSpans_EachReplacedByItsType()
    {
        const string text = "Mail jane.doe@example.com or call 555-0142; card 4111 1111 1111 1111.";

        var masked = PersonalData.Mask(text, PersonalData.Find(text));

        Assert.Equal("Mail [EMAIL] or call [PHONE]; card [CARD].", masked);
    }

    [Fact]
    public void Mask_NoSpans_TextUnchanged()
    {
        const string text = "Nothing personal here.";

        Assert.Equal(text, PersonalData.Mask(text, PersonalData.Find(text)));
    }
}
