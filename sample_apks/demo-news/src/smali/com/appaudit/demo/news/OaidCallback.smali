.class public Lcom/appaudit/demo/news/OaidCallback;
.super Ljava/lang/Object;
.source "OaidCallback.java"
.implements Lcom/bun/miitmdid/interfaces/IIdentifierListener;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public OnSupport(ZLcom/bun/miitmdid/interfaces/IdSupplier;)V
    .registers 5
    if-eqz p2, :done
    invoke-interface {p2}, Lcom/bun/miitmdid/interfaces/IdSupplier;->getOAID()Ljava/lang/String;
    move-result-object v0
    const-string v1, "OaidCallback"
    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    :done
    return-void
.end method
