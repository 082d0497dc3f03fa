using System.IO;
using System.Threading;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

/// <summary>parse → print → parse yields an equal model.</summary>
public class RoundTripTests
{
    private const string AllFeatures = """
        %#include <stdint.h>
        const MAX = 0x10;
        const NEG = -1;
        enum kind { K_A, K_B = 5, K_C = MAX, K_D };
        typedef string text<MAX>;
        typedef opaque blob<>;
        typedef struct node *link;
        struct node {
            unsigned a;
            unsigned int b;
            unsigned hyper c;
            int64_t d;
            char e;
            short int f;
            long g;
            double h;
            quadruple i;
            text names<>;
            text *maybe;
            opaque uuid[32];
            blob data;
            int fixed[MAX];
            enum kind k;
            link next;
        };
        union choice switch (kind which) {
        case K_A:
        case K_B:
            struct node n;
        case K_C:
            void;
        default:
            int other;
        };
        program P {
            version V1 {
                void NOTHING(void) = 0;
                choice PICK(node, int) = 1;
            } = 1;
        } = 0x20000001;
        """;

    private static XdrSpec Bind(string path, string text)
    {
        XdrParseResult parsed = XdrParser.Parse(path, text, CancellationToken.None);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        XdrBindResult bound = XdrBinder.Bind(parsed.Syntax, CancellationToken.None);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return bound.Spec;
    }

    [Fact]
    public void ProtocolFile_PrintSpecThenParse_GivesEqualModel()
    {
        XdrSpec first = Bind(TestPaths.ProtocolFile, File.ReadAllText(TestPaths.ProtocolFile));

        XdrSpec second = Bind("printed.x", XdrPrinter.Print(first));

        Assert.Equal(first.WithoutLocations(), second.WithoutLocations());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ProtocolFile_PrintSyntaxThenParse_GivesEqualModel()
    {
        string text = File.ReadAllText(TestPaths.ProtocolFile);
        XdrSpec first = Bind("a.x", text);
        XdrSyntax syntax = XdrParser.Parse("a.x", text, CancellationToken.None).Syntax;

        XdrSpec second = Bind("a.x", XdrPrinter.Print(syntax));

        Assert.Equal(first.WithoutLocations(), second.WithoutLocations());
    }

    [Fact]
    public void AllFeatures_PrintThenParse_GivesEqualModelAndStableText()
    {
        XdrSpec first = Bind("f.x", AllFeatures);
        string printed = XdrPrinter.Print(first);
        XdrSpec second = Bind("f.x", printed);

        Assert.Equal(first.WithoutLocations(), second.WithoutLocations());
        Assert.Equal(printed, XdrPrinter.Print(second));
        Assert.Contains("unsigned a;", printed);
        Assert.Contains("text *maybe;", printed);
        Assert.Contains("case K_A:\ncase K_B:\n    struct node n;", printed);
        Assert.Contains("        choice PICK(node, int) = 1;", printed);
    }

    [Fact]
    public void SameText_ParsedTwice_GivesEqualSyntaxAndSpec()
    {
        XdrParseResult a = XdrParser.Parse("f.x", AllFeatures, CancellationToken.None);
        XdrParseResult b = XdrParser.Parse("f.x", AllFeatures, CancellationToken.None);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(XdrBinder.Bind(a.Syntax, CancellationToken.None), XdrBinder.Bind(b.Syntax, CancellationToken.None));
    }

    [Fact]
    public void ChangedField_Spec_IsNotEqual()
    {
        XdrSpec first = Bind("f.x", AllFeatures);
        XdrSpec second = Bind("f.x", AllFeatures.Replace("double h;", "float h;"));

        Assert.NotEqual(first.WithoutLocations(), second.WithoutLocations());
    }
}
